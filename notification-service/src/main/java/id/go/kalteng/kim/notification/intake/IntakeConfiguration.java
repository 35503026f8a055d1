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
 * Binds {@code kim.notification.requests} (binding {@code onNotificationRequested-in-0})
 * to the intake, once per event id.
 */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

	@Bean
	Consumer<Message<byte[]>> onNotificationRequested(ProcessedEvents processed, JsonMapper json, MeterRegistry meters,
			NotificationIntake intake) {
		EventDispatcher dispatcher = EventDispatcher.builder("notification-service", processed, json, meters)
			.on(NotificationRequestedEvent.class, intake::accept)
			.build();
		return dispatcher::dispatch;
	}

}
