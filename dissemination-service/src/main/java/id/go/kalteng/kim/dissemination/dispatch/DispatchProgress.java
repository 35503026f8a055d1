package id.go.kalteng.kim.dissemination.dispatch;

import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import id.go.kalteng.kim.contracts.notification.NotificationStatusChangedEvent;
import id.go.kalteng.kim.support.outbox.OutboxRelay;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Follows the delivery of dispatched messages, touching a dispatch only by its
 * {@code _id}: read it, decide in Java whether the new status is a step forward
 * ({@link DispatchStatus#reachableFrom()}), count the step ({@link DispatchCounts}), then
 * write it with a compare-and-set on {@code {_id, version}}; a lost compare-and-set reads
 * again. Statuses never move backwards: a late or repeated status changes nothing.
 */
@Service
public class DispatchProgress {

	private static final int ATTEMPTS = 20;

	private static final List<String> READ = List.of("broadcastId", "status", "version");

	private static final List<String> READ_FOR_ERASURE = List.of("broadcastId", "status", "version",
			DispatchErasure.PENDING_EVENTS);

	private final MongoTemplate mongo;

	private final DispatchCounts counts;

	DispatchProgress(MongoTemplate mongo, DispatchCounts counts) {
		this.mongo = mongo;
		this.counts = counts;
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
		return move(dispatchId, status, false);
	}

	/**
	 * Drops a dispatch's notification request if it is not published yet, and then
	 * suppresses the dispatch (counted like any other step).
	 * @param dispatchId the dispatch
	 * @return whether a request was dropped
	 */
	boolean dropUnpublishedRequest(String dispatchId) {
		return move(dispatchId, DispatchStatus.SUPPRESSED, true);
	}

	private boolean move(String dispatchId, DispatchStatus status, boolean dropRequest) {
		MongoCollection<Document> dispatches = this.mongo.getCollection(Dispatch.COLLECTION);
		for (int attempt = 1;; attempt++) {
			if (attempt > ATTEMPTS) {
				throw new OptimisticLockingFailureException("dispatch " + dispatchId + " keeps changing");
			}
			// from before the read: the state read may be as old as the round trip
			long readAt = System.nanoTime();
			Document stored = dispatches.find(Filters.eq("_id", dispatchId))
				.projection(Projections.include(dropRequest ? READ_FOR_ERASURE : READ))
				.first();
			if (stored == null) {
				return false;
			}
			DispatchStatus current = DispatchStatus.valueOf(stored.getString("status"));
			boolean forward = status.reachableFrom().contains(current);
			boolean unpublished = !stored.getList(DispatchErasure.PENDING_EVENTS, Object.class, List.of()).isEmpty();
			if (dropRequest ? !unpublished : !forward) {
				return false;
			}
			String broadcastId = stored.getString("broadcastId");
			if (forward && !this.counts.count(broadcastId, dispatchId, current, status, readAt)) {
				continue;
			}
			Bson update = Updates.inc("version", 1L);
			if (forward) {
				update = Updates.combine(update, Updates.set("status", status.name()));
			}
			if (dropRequest) {
				update = Updates.combine(update, Updates.set(DispatchErasure.PENDING_EVENTS, List.of()),
						Updates.unset(OutboxRelay.PENDING_SINCE));
			}
			long version = ((Number) stored.get("version")).longValue();
			if (dispatches.updateOne(new Document("_id", dispatchId).append("version", version), update)
				.getMatchedCount() == 1) {
				if (forward) {
					this.counts.settled(broadcastId, dispatchId, status);
				}
				return true;
			}
		}
	}

}
