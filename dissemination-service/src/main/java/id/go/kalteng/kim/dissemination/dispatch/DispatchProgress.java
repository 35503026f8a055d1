package id.go.kalteng.kim.dissemination.dispatch;

import id.go.kalteng.kim.contracts.notification.NotificationStatusChangedEvent;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Follows the delivery of dispatched messages: statuses move only forward (conditional
 * update). Read the counts through {@link DispatchCounts}.
 */
@Service
public class DispatchProgress {

	private final MongoTemplate mongo;

	DispatchProgress(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * A notification's status changed; only a broadcast's notifications with a status a
	 * dispatch knows move a dispatch.
	 * @param event the notification's new status
	 */
	void notificationStatusChanged(NotificationStatusChangedEvent event) {
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

}
