package id.go.kalteng.kim.group.consent;

import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.notification.ChannelOptedInEvent;
import id.go.kalteng.kim.contracts.notification.ChannelOptedOutEvent;
import id.go.kalteng.kim.support.messaging.EventDispatcher;
import id.go.kalteng.kim.support.messaging.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Handles notification-service's opt-out and opt-in events, each once (keyed by its
 * {@code ce_id}), by one call into {@link ConsentRecorder}. The topic carries both types
 * on one binding ({@code onChannelConsent-in-0}, topic {@code kim.notification.events},
 * group {@code group-service}), so one consumer bean routes them by type.
 */
@Configuration(proxyBeanMethods = false)
class ConsentEvents {

	private final ConsentRecorder consent;

	ConsentEvents(ConsentRecorder consent) {
		this.consent = consent;
	}

	@Bean
	Consumer<Message<byte[]>> onChannelConsent(ProcessedEvents processed, JsonMapper json, MeterRegistry meters) {
		EventDispatcher dispatcher = EventDispatcher.builder("group-consent", processed, json, meters)
			.on(ChannelOptedOutEvent.class, this::onChannelOptedOut)
			.on(ChannelOptedInEvent.class, this::onChannelOptedIn)
			.build();
		return dispatcher::dispatch;
	}

	void onChannelOptedOut(ChannelOptedOutEvent event) {
		this.consent.record(event.phone(), event.channel(), false, event.reason());
	}

	void onChannelOptedIn(ChannelOptedInEvent event) {
		this.consent.record(event.phone(), event.channel(), true, event.reason());
	}

}
