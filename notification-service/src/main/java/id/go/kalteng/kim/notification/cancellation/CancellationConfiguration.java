package id.go.kalteng.kim.notification.cancellation;

import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.dissemination.BroadcastCancelledEvent;
import id.go.kalteng.kim.support.messaging.EventDispatcher;
import id.go.kalteng.kim.support.messaging.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The consumer of dissemination-service's {@code kim.dissemination.events} for
 * cancellations (binding {@code onBroadcastEvent-in-0}, group
 * {@code notification-service-cancellation}): a {@code broadcast-cancelled} ends the
 * broadcast's unsent notifications, once per event id; every other broadcast event is
 * ignored.
 */
@Configuration(proxyBeanMethods = false)
class CancellationConfiguration {

	@Bean
	Consumer<Message<byte[]>> onBroadcastEvent(ProcessedEvents processed, JsonMapper json, MeterRegistry meters,
			UnsentEndings endings) {
		EventDispatcher dispatcher = EventDispatcher
			.builder("notification-service-cancellation", processed, json, meters)
			.on(BroadcastCancelledEvent.class, (BroadcastCancelledEvent event) -> endings.cancel(event))
			.build();
		return dispatcher::dispatch;
	}

}
