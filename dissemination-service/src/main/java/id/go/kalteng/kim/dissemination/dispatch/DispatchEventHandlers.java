package id.go.kalteng.kim.dissemination.dispatch;

import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.dissemination.BroadcastApprovedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationStatusChangedEvent;
import id.go.kalteng.kim.support.messaging.EventDispatcher;
import id.go.kalteng.kim.support.messaging.InboundEvent;
import id.go.kalteng.kim.support.messaging.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/**
 * The handlers the dispatches follow, one consumer bean per handled event type, each
 * making one call: an approved broadcast is fanned out ({@code onBroadcastApproved},
 * {@code kim.dissemination.events}, group {@code dissemination-service-fanout}); a
 * notification's new status moves its dispatch ({@code onNotificationStatusChanged},
 * {@code kim.notification.events}, group {@code dissemination-service-progress}).
 */
@Configuration(proxyBeanMethods = false)
class DispatchEventHandlers {

	@Bean
	Consumer<Message<byte[]>> onBroadcastApproved(FanOut fanOut, ProcessedEvents processed, JsonMapper json,
			MeterRegistry meters) {
		EventDispatcher dispatcher = EventDispatcher.builder("dissemination-fanout", processed, json, meters)
			.on(BroadcastApprovedEvent.class, fanOut::fanOut)
			.build();
		return dispatcher::dispatch;
	}

	/**
	 * Status events are not remembered in {@code processed_events}: moving a dispatch is
	 * idempotent by itself (forward only, by compare-and-set) and so is counting it
	 * ({@link DispatchCounts} remembers a counted move until its dispatch has it), so a
	 * redelivered event changes nothing without the two extra round trips per event.
	 */
	@Bean
	Consumer<Message<byte[]>> onNotificationStatusChanged(DispatchProgress progress, MongoTemplate mongo,
			JsonMapper json, MeterRegistry meters) {
		EventDispatcher dispatcher = EventDispatcher
			.builder("dissemination-progress", new NotRemembered(mongo), json, meters)
			.on(NotificationStatusChangedEvent.class, progress::notificationStatusChanged)
			.build();
		return dispatcher::dispatch;
	}

	/** For handlers idempotent by themselves: no event is remembered as handled. */
	static final class NotRemembered extends ProcessedEvents {

		NotRemembered(MongoTemplate mongo) {
			super(mongo);
		}

		@Override
		public boolean isProcessed(String consumer, String eventId) {
			return false;
		}

		@Override
		public void markProcessed(String consumer, InboundEvent event) {
			// idempotent handler: nothing to remember
		}

	}

}
