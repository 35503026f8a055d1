package id.go.kalteng.kim.notification.delivery;

import java.time.Clock;
import java.util.Optional;

import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Applies providers' delivery reports. They arrive asynchronously and out of order, so a
 * report only counts when it moves the notification forward. A report is also what
 * settles a send whose outcome was unknown (status UNKNOWN): it went out after all, or
 * failed.
 */
@Component
public class DeliveryReports {

	private static final Logger log = LoggerFactory.getLogger(DeliveryReports.class);

	private final AggregateStore store;

	private final MongoTemplate mongo;

	private final Clock clock;

	DeliveryReports(AggregateStore store, MongoTemplate mongo, Clock clock) {
		this.store = store;
		this.mongo = mongo;
		this.clock = clock;
	}

	/** The notification a provider's message id belongs to, once its send is recorded. */
	public Optional<String> notificationOf(String providerMessageId) {
		Query query = Query.query(Criteria.where("providerMessageId").is(providerMessageId));
		query.fields().include("_id");
		return Optional.ofNullable(this.mongo.findOne(query, Notification.class)).map(Notification::getId);
	}

	/**
	 * Applies a report to a notification.
	 * @return what it changed
	 */
	public Outcome report(String notificationId, NotificationStatus status, String reason) {
		boolean[] found = { false };
		boolean moved = this.store.changeIfPresent(notificationId, Notification.class, (n) -> {
			found[0] = true;
			return n.reported(status, reason, this.clock.instant());
		});
		if (!found[0]) {
			return Outcome.UNKNOWN_MESSAGE;
		}
		log.debug("Report {} on notification {}: {}", status, notificationId, moved ? "applied" : "not forward");
		return moved ? Outcome.APPLIED : Outcome.IGNORED;
	}

	/** What a report changed. */
	public enum Outcome {

		/** The status moved forward. */
		APPLIED,
		/** The report was old news (the status was already as far or further). */
		IGNORED,
		/** No notification has that message. */
		UNKNOWN_MESSAGE

	}

}
