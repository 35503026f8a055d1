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
 * Binds group-service's {@code kim.group.events} (binding {@code onGroupEvent-in-0},
 * group {@code notification-service-erasure}) to the erasures of members and of persons
 * (by phone hash), once per event id; every other group event is ignored.
 */
@Configuration(proxyBeanMethods = false)
class ErasureConfiguration {

	@Bean
	Consumer<Message<byte[]>> onGroupEvent(ProcessedEvents processed, JsonMapper json, MeterRegistry meters,
			Erasures erasures) {
		EventDispatcher dispatcher = EventDispatcher.builder("notification-service-erasure", processed, json, meters)
			.on(MemberErasedEvent.class, erasures::onMemberErased)
			.on(PersonErasedEvent.class, erasures::onPersonErased)
			.build();
		return dispatcher::dispatch;
	}

}
