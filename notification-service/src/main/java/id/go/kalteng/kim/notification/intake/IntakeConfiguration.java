package id.go.kalteng.kim.notification.intake;

import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.support.messaging.EventDispatcher;
import id.go.kalteng.kim.support.messaging.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binds {@code kim.notification.requests} (binding {@code onNotificationRequested-in-0},
 * batch mode) and {@code kim.notification.urgent-requests} to the intake, once per
 * notification id.
 */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

	/**
	 * In batch mode (a poll's records at once): the notification id is the idempotency
	 * key, so intake needs no {@code processed_events}. {@code Message<?>}: the payload
	 * is the records' bytes as they came (typed as a list, the function's converter
	 * empties it).
	 */
	@Bean
	Consumer<Message<?>> onNotificationRequested(ProcessedEvents processed, JsonMapper json, MeterRegistry meters,
			NotificationIntake intake) {
		EventDispatcher dispatcher = EventDispatcher.builder("notification-service", processed, json, meters)
			.onBatch(NotificationRequestedEvent.class, intake::acceptAll)
			.withoutReceipts()
			.build();
		return dispatcher::dispatchBatch;
	}

	/**
	 * The same for {@code kim.notification.urgent-requests} (binding
	 * {@code onUrgentNotificationRequested-in-0}): URGENT requests have a consumer of
	 * their own, so they never wait behind a backlog of NORMAL ones.
	 */
	@Bean
	Consumer<Message<?>> onUrgentNotificationRequested(ProcessedEvents processed, JsonMapper json, MeterRegistry meters,
			NotificationIntake intake) {
		return onNotificationRequested(processed, json, meters, intake);
	}

}
