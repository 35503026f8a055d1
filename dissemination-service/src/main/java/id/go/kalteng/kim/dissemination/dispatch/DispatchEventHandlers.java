package id.go.kalteng.kim.dissemination.dispatch;

import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.dissemination.BroadcastApprovedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationStatusChangedEvent;
import id.go.kalteng.kim.support.messaging.EventDispatcher;
import id.go.kalteng.kim.support.messaging.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
	 * A poll's status events at once (the binding is in batch mode): one read of their
	 * dispatches by {@code _id $in}, one counter write per broadcast, one bulk of
	 * compare-and-sets ({@link DispatchProgress#advanceAll}). Not remembered in
	 * {@code processed_events}: moving a dispatch is idempotent by itself (forward only,
	 * by compare-and-set) and so is counting it ({@link DispatchCounts} remembers a
	 * counted move until its dispatch has it). {@code Message<?>}: the payload is the
	 * records' bytes as they came.
	 */
	@Bean
	Consumer<Message<?>> onNotificationStatusChanged(DispatchProgress progress, ProcessedEvents processed,
			JsonMapper json, MeterRegistry meters) {
		EventDispatcher dispatcher = EventDispatcher.builder("dissemination-progress", processed, json, meters)
			.onBatch(NotificationStatusChangedEvent.class, progress::notificationStatusesChanged)
			.withoutReceipts()
			.build();
		return dispatcher::dispatchBatch;
	}

}
