package id.go.kalteng.kim.notification.cancellation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import id.go.kalteng.kim.contracts.dissemination.BroadcastCancelledEvent;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Ends the QUEUED notifications that must not be sent any more: those of a cancelled
 * source (CANCELLED) and those whose {@code expiresAt} passed (EXPIRED), each with its
 * status event, in batches (loaded by {@code _id $in}, saved in one bulk write by
 * {@code _id} and version). A notification a worker claimed meanwhile is the worker's:
 * its own check before the send ends it; one a provider took stays as it is.
 */
@Service
public class UnsentEndings {

	private static final Logger log = LoggerFactory.getLogger(UnsentEndings.class);

	private static final int ROUNDS = 5;

	private final MongoTemplate mongo;

	private final AggregateStore store;

	private final CancelledSources cancelled;

	private final Clock clock;

	private final int batch;

	UnsentEndings(MongoTemplate mongo, AggregateStore store, CancelledSources cancelled, Clock clock,
			CancellationSettings settings) {
		this.mongo = mongo;
		this.store = store;
		this.cancelled = cancelled;
		this.clock = clock;
		this.batch = settings.batch();
	}

	/**
	 * A broadcast was cancelled: remembered first (from then on intake and every send see
	 * it), then its QUEUED notifications are ended CANCELLED. Finding them is a query by
	 * source and status, a scan on the MongoDB-wire server: an operator's action, run
	 * once per cancellation. A repeat finds nothing left to end.
	 * @return how many were ended
	 */
	public int cancel(BroadcastCancelledEvent event) {
		if (event.broadcastId() == null || event.broadcastId().isBlank()) {
			// nothing to cancel by: dead-lettered for a person to look at
			throw new IllegalArgumentException("broadcast-cancelled without a broadcastId");
		}
		String key = Notification.sourceKey("BROADCAST", event.broadcastId());
		boolean added = this.cancelled.record(key, "BROADCAST", event.broadcastId(), event.kabupaten(),
				event.cancelledBy(), event.reason(),
				(event.cancelledAt() != null) ? event.cancelledAt() : this.clock.instant());
		Query queued = Query.query(Criteria.where("sourceType")
			.is("BROADCAST")
			.and("sourceId")
			.is(event.broadcastId())
			.and("status")
			.is(NotificationStatus.QUEUED));
		queued.fields().include("_id");
		List<String> ids = this.mongo.find(queued, Notification.class).stream().map(Notification::getId).toList();
		int ended = endWhereDue(ids);
		log.info("Broadcast {} cancelled{}: {} queued notifications ended CANCELLED", event.broadcastId(),
				added ? "" : " (again)", ended);
		return ended;
	}

	/**
	 * Ends those of the named notifications that are QUEUED and whose source was
	 * cancelled or whose {@code expiresAt} passed; the others are left as they are.
	 * @return how many were ended
	 */
	public int endWhereDue(Collection<String> ids) {
		List<String> all = List.copyOf(ids);
		int ended = 0;
		for (int from = 0; from < all.size(); from += this.batch) {
			ended += endBatch(all.subList(from, Math.min(all.size(), from + this.batch)));
		}
		return ended;
	}

	/** Whether a notification must not be sent any more, and ends it if so. */
	public boolean endIfDue(Notification n, Instant now) {
		if (this.cancelled.isCancelled(n.sourceKey())) {
			return n.cancel(now);
		}
		return n.expire(now);
	}

	/** Whether the source of that key was cancelled (asks only memory). */
	public boolean isCancelled(String sourceKey) {
		return sourceKey != null && this.cancelled.isCancelled(sourceKey);
	}

	/** Whether a notification must not be sent any more (nothing changes). */
	public boolean isDue(String sourceKey, Instant expiresAt, Instant now) {
		return this.cancelled.isCancelled(sourceKey) || (expiresAt != null && !now.isBefore(expiresAt));
	}

	private int endBatch(List<String> ids) {
		int ended = 0;
		List<String> left = ids;
		for (int round = 1; round <= ROUNDS && !left.isEmpty(); round++) {
			Instant now = this.clock.instant();
			Map<String, Notification> loaded = this.mongo
				.find(Query.query(Criteria.where("_id").in(left)), Notification.class)
				.stream()
				.collect(Collectors.toMap(Notification::getId, Function.identity()));
			List<Notification> changed = new ArrayList<>();
			for (Notification n : loaded.values()) {
				if (n.getStatus() == NotificationStatus.QUEUED && endIfDue(n, now)) {
					changed.add(n);
				}
			}
			int saved = this.store.saveAll(changed);
			ended += saved;
			if (saved == changed.size()) {
				return ended;
			}
			// some changed meanwhile (claimed, requeued): look at those again
			left = changed.stream().map(Notification::getId).toList();
		}
		return ended;
	}

}
