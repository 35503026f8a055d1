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
 * Consumes notification-service's opt-out and opt-in events (binding
 * {@code onNotificationEvent-in-0}); each is applied once, keyed by its {@code ce_id}.
 */
@Configuration(proxyBeanMethods = false)
class ConsentEvents {

	@Bean
	Consumer<Message<byte[]>> onNotificationEvent(ConsentRecorder consent, ProcessedEvents processed, JsonMapper json,
			MeterRegistry meters) {
		EventDispatcher dispatcher = EventDispatcher.builder("group-consent", processed, json, meters)
			.on(ChannelOptedOutEvent.class,
					(ChannelOptedOutEvent e) -> consent.record(e.phone(), e.channel(), false, e.reason()))
			.on(ChannelOptedInEvent.class,
					(ChannelOptedInEvent e) -> consent.record(e.phone(), e.channel(), true, e.reason()))
			.build();
		return dispatcher::dispatch;
	}

}
