package id.go.kalteng.kim.dissemination;

import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.notification.InboundMessageReceivedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationStatusChangedEvent;
import id.go.kalteng.kim.contracts.notification.WhatsAppTemplatesPublishedEvent;
import id.go.kalteng.kim.dissemination.aspiration.Aspirations;
import id.go.kalteng.kim.dissemination.broadcast.WhatsAppTemplates;
import id.go.kalteng.kim.dissemination.dispatch.DispatchProgress;
import id.go.kalteng.kim.support.messaging.EventDispatcher;
import id.go.kalteng.kim.support.messaging.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * What dissemination-service takes from {@code kim.notification.events} (consumer
 * {@code onNotificationStatusChanged}, group {@code dissemination-service-progress}, in
 * batch mode): a notification's new status moves its dispatch ({@link DispatchProgress});
 * the list of WhatsApp templates replaces the earlier one ({@link WhatsAppTemplates}); a
 * community reply is kept as an aspiration ({@link Aspirations}). Here, outside the
 * features, because it feeds three of them.
 */
@Configuration(proxyBeanMethods = false)
class NotificationEventHandlers {

	/**
	 * A poll's status events at once (the binding is in batch mode): one read of their
	 * dispatches by {@code _id $in}, one counter write per broadcast, one bulk of
	 * compare-and-sets ({@link DispatchProgress#advanceAll}). Not remembered in
	 * {@code processed_events}: moving a dispatch is idempotent by itself (forward only,
	 * by compare-and-set) and so is counting it; a template list never replaces a newer
	 * one; a reply is stored under its message id. {@code Message<?>}: the payload is the
	 * records' bytes as they came.
	 */
	@Bean
	Consumer<Message<?>> onNotificationStatusChanged(DispatchProgress progress, WhatsAppTemplates templates,
			Aspirations aspirations, ProcessedEvents processed, JsonMapper json, MeterRegistry meters) {
		EventDispatcher dispatcher = EventDispatcher.builder("dissemination-progress", processed, json, meters)
			.onBatch(NotificationStatusChangedEvent.class, progress::notificationStatusesChanged)
			.on(WhatsAppTemplatesPublishedEvent.class, templates::published)
			.on(InboundMessageReceivedEvent.class, aspirations::received)
			.withoutReceipts()
			.build();
		return dispatcher::dispatchBatch;
	}

}
