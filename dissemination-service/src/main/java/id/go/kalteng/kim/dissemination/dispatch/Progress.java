package id.go.kalteng.kim.dissemination.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.notification.NotificationStatusChangedEvent;
import id.go.kalteng.kim.support.messaging.EventDispatcher;
import id.go.kalteng.kim.support.messaging.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.Message;

/**
 * Follows the delivery of dispatched messages from {@code kim.notification.events}:
 * statuses move only forward (conditional update), and progress is counted per status.
 */
@Configuration(proxyBeanMethods = false)
public class Progress {

	private final MongoTemplate mongo;

	Progress(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Bean
	Consumer<Message<byte[]>> onNotificationEvent(ProcessedEvents processed, JsonMapper json, MeterRegistry meters) {
		EventDispatcher dispatcher = EventDispatcher.builder("dissemination-progress", processed, json, meters)
			.on(NotificationStatusChangedEvent.class, this::onStatusChanged)
			.build();
		return dispatcher::dispatch;
	}

	void onStatusChanged(NotificationStatusChangedEvent event) {
		if (!"BROADCAST".equals(event.sourceType())) {
			return;
		}
		DispatchStatus status;
		try {
			status = DispatchStatus.valueOf(event.status());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return;
		}
		advance(event.notificationId(), status);
	}

	/**
	 * Moves a dispatch to a later status; an older or repeated update changes nothing.
	 * @param dispatchId the dispatch (= notification id)
	 * @param status the new status
	 * @return whether the dispatch changed
	 */
	public boolean advance(String dispatchId, DispatchStatus status) {
		if (status.reachableFrom().isEmpty()) {
			return false;
		}
		Query query = Query.query(Criteria.where("_id")
			.is(dispatchId)
			.and("status")
			.in(status.reachableFrom().stream().map(Enum::name).toList()));
		return this.mongo
			.updateFirst(query, new Update().set("status", status.name()).inc("version", 1), Dispatch.COLLECTION)
			.getModifiedCount() > 0;
	}

	/**
	 * Counts the dispatches of a broadcast per status.
	 * @param broadcastId the broadcast
	 * @return status name (lower case) to count, every status present
	 */
	public Map<String, Long> countsFor(String broadcastId) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (DispatchStatus status : DispatchStatus.values()) {
			long count = this.mongo.count(
					Query.query(Criteria.where("broadcastId").is(broadcastId).and("status").is(status.name())),
					Dispatch.COLLECTION);
			counts.put(status.name().toLowerCase(java.util.Locale.ROOT), count);
		}
		return counts;
	}

}
