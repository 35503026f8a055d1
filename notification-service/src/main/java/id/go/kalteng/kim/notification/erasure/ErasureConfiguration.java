package id.go.kalteng.kim.notification.erasure;

import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.group.MemberErasedEvent;
import id.go.kalteng.kim.contracts.group.PersonErasedEvent;
import id.go.kalteng.kim.support.messaging.EventDispatcher;
import id.go.kalteng.kim.support.messaging.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The consumer of group-service's {@code kim.group.events} for erasures (binding
 * {@code onErasureEvent-in-0}, group {@code notification-service-erasure}): it only
 * routes each event by its type, once per event id, to the handler named for it; every
 * other group event is ignored. One consumer for the topic, not one per event type:
 * consumers in the same group share the topic's partitions, so a second one would see
 * only part of the events.
 */
@Configuration(proxyBeanMethods = false)
class ErasureConfiguration {

	@Bean
	Consumer<Message<byte[]>> onErasureEvent(ProcessedEvents processed, JsonMapper json, MeterRegistry meters,
			ErasureHandlers handlers) {
		EventDispatcher dispatcher = EventDispatcher.builder("notification-service-erasure", processed, json, meters)
			.on(MemberErasedEvent.class, handlers::onMemberErased)
			.on(PersonErasedEvent.class, handlers::onPersonErased)
			.build();
		return dispatcher::dispatch;
	}

}
