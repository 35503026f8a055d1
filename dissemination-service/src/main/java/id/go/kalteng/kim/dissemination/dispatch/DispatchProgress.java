package id.go.kalteng.kim.dissemination.dispatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
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

	private final BroadcastCompletion completion;

	private volatile Runnable beforeWrite = () -> {
	};

	DispatchProgress(MongoTemplate mongo, DispatchCounts counts, BroadcastCompletion completion) {
		this.mongo = mongo;
		this.counts = counts;
		this.completion = completion;
	}

	/**
	 * The dispatch status a notification status stands for: a SENT that is the
	 * notification's last (a provider or channel without delivery reports) is final.
	 * @param event the status event
	 * @return the status, or null when a dispatch does not know it
	 */
	static DispatchStatus statusOf(NotificationStatusChangedEvent event) {
		if (event.status() == null) {
			return null;
		}
		if (DispatchStatus.SENT.name().equals(event.status()) && event.isTerminal()) {
			return DispatchStatus.SENT_FINAL;
		}
		try {
			return DispatchStatus.valueOf(event.status());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
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
		DispatchStatus status = statusOf(event);
		if (status != null) {
			advance(event.notificationId(), status);
		}
	}

	/**
	 * Notifications' statuses changed (one poll's events, in order): as
	 * {@link #notificationStatusChanged} for each, in one {@link #advanceAll}.
	 * @param events the notifications' new statuses
	 */
	public void notificationStatusesChanged(List<NotificationStatusChangedEvent> events) {
		List<StatusChange> changes = new ArrayList<>();
		for (NotificationStatusChangedEvent event : events) {
			if (event.fallbackNotificationId() != null && DispatchStatus.FAILED.name().equals(event.status())) {
				// failed on its channel but tried on another (a WhatsApp number that is
				// not on WhatsApp goes by SMS): the person's dispatch follows the
				// fallback
				continue;
			}
			// a fallback's statuses are its person's: they move the dispatch it stands in
			// for
			String dispatchId = (event.fallbackOf() != null) ? event.fallbackOf() : event.notificationId();
			DispatchStatus status = statusOf(event);
			// a status a dispatch does not know moves nothing
			if ("BROADCAST".equals(event.sourceType()) && status != null) {
				changes.add(new StatusChange(dispatchId, status));
			}
		}
		advanceAll(changes);
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
	 * Moves many dispatches at once (the status events of one poll), touching them only
	 * by {@code _id}: one read of all ({@code _id $in}), each one's statuses applied in
	 * order in memory (forward only), one counter write per broadcast, and one bulk of
	 * compare-and-sets on {@code {_id, version}}. When some compare-and-set is lost (the
	 * dispatch changed since it was read) each move is done again one at a time, which
	 * changes nothing where the bulk applied it and counts nothing twice; when the read
	 * grew too old to count on, the same.
	 * @param statuses the new statuses, in the order they came
	 * @return how many dispatches moved
	 */
	public int advanceAll(List<StatusChange> statuses) {
		Map<String, List<DispatchStatus>> byDispatch = new LinkedHashMap<>();
		for (StatusChange change : statuses) {
			if (!change.status().reachableFrom().isEmpty()) {
				byDispatch.computeIfAbsent(change.dispatchId(), (id) -> new ArrayList<>()).add(change.status());
			}
		}
		if (byDispatch.isEmpty()) {
			return 0;
		}
		MongoCollection<Document> dispatches = this.mongo.getCollection(Dispatch.COLLECTION);
		long readAt = System.nanoTime();
		Map<String, Document> stored = new HashMap<>();
		dispatches.find(Filters.in("_id", List.copyOf(byDispatch.keySet())))
			.projection(Projections.include(READ))
			.forEach((doc) -> stored.put(doc.getString("_id"), doc));
		Map<String, List<DispatchCounts.Move>> moves = new LinkedHashMap<>();
		List<WriteModel<Document>> writes = new ArrayList<>();
		byDispatch.forEach((dispatchId, changes) -> {
			Document dispatch = stored.get(dispatchId);
			if (dispatch == null) {
				return;
			}
			DispatchStatus from = DispatchStatus.valueOf(dispatch.getString("status"));
			DispatchStatus to = from;
			for (DispatchStatus status : changes) {
				if (status.reachableFrom().contains(to)) {
					to = status;
				}
			}
			if (to != from) {
				moves.computeIfAbsent(dispatch.getString("broadcastId"), (id) -> new ArrayList<>())
					.add(new DispatchCounts.Move(dispatchId, from, to));
				long version = ((Number) dispatch.get("version")).longValue();
				writes.add(new UpdateOneModel<>(new Document("_id", dispatchId).append("version", version),
						Updates.combine(Updates.set("status", to.name()), Updates.inc("version", 1L))));
			}
		});
		if (writes.isEmpty()) {
			return 0;
		}
		for (Map.Entry<String, List<DispatchCounts.Move>> ofBroadcast : moves.entrySet()) {
			if (!this.counts.countAll(ofBroadcast.getKey(), ofBroadcast.getValue(), readAt)) {
				return oneByOne(moves);
			}
		}
		this.beforeWrite.run();
		if (dispatches.bulkWrite(writes, new BulkWriteOptions().ordered(false)).getMatchedCount() < writes.size()) {
			return oneByOne(moves);
		}
		moves.forEach((broadcastId, ofBroadcast) -> ofBroadcast
			.forEach((move) -> this.counts.settled(broadcastId, move.dispatchId(), move.to())));
		moves.forEach((broadcastId, ofBroadcast) -> {
			if (ofBroadcast.stream().anyMatch((move) -> move.to().isFinal())) {
				this.completion.check(broadcastId);
			}
		});
		return writes.size();
	}

	private int oneByOne(Map<String, List<DispatchCounts.Move>> moves) {
		int moved = 0;
		for (List<DispatchCounts.Move> ofBroadcast : moves.values()) {
			for (DispatchCounts.Move move : ofBroadcast) {
				moved += advance(move.dispatchId(), move.to()) ? 1 : 0;
			}
		}
		return moved;
	}

	/** For tests: runs between counting a batch and writing its dispatches. */
	void beforeWrite(Runnable hook) {
		this.beforeWrite = hook;
	}

	/**
	 * A dispatch's new status, as a notification's status event says.
	 *
	 * @param dispatchId the dispatch (= notification id)
	 * @param status the new status
	 */
	public record StatusChange(String dispatchId, DispatchStatus status) {

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
					if (status.isFinal()) {
						this.completion.check(broadcastId);
					}
				}
				return true;
			}
		}
	}

}
