package id.go.kalteng.kim.notification.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The queued notifications as a work queue in the database. A worker claims the
 * notifications its {@link ReadyQueue} names with one compare-and-set each by {@code _id}
 * and version (QUEUED → SENDING), all of a round in one bulk write, then loads them by
 * {@code _id $in}: no two workers, in this process or another, take the same one, and a
 * claim that lost (someone else took it, or it changed) costs nothing. A claim carries
 * its time (the lease) and a token naming its holder. Only the recovery scan
 * ({@link #recoverable}) looks for notifications by status: at start-up and on a slow
 * timer.
 */
@Component
public class NotificationQueue {

	/** How many notifications the recovery scan's cursor fetches at a time. */
	private static final int RECOVERY_BATCH = 1_000;

	private final MongoTemplate mongo;

	NotificationQueue(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Claims the named QUEUED notifications, each only if it is still the version the
	 * entry names (which was QUEUED and due); the claim counts as an attempt. The
	 * delivery worker calls it only for as many as it can send now, so that a claim is
	 * always followed by its send at once.
	 */
	Claims claim(List<ReadyQueue.Entry> entries, String token, Instant now) {
		if (entries.isEmpty()) {
			return new Claims(List.of(), List.of(), List.of());
		}
		Date at = Date.from(now);
		// the same as claim(token, now), written as the driver takes it
		Document claim = new Document("$set",
				new Document("status", NotificationStatus.SENDING.name()).append("claimedAt", at)
					.append("claimToken", token)
					.append("updatedAt", at))
			.append("$inc", new Document("attempts", 1).append("version", 1L));
		List<WriteModel<Document>> cas = new ArrayList<>(entries.size());
		for (ReadyQueue.Entry entry : entries) {
			// exactly {_id, version}: served by the unique index of that shape, where
			// Filters.and (an $and) would be a scan
			cas.add(new UpdateOneModel<>(new Document("_id", entry.id()).append("version", entry.version()), claim));
		}
		collection().bulkWrite(cas, new BulkWriteOptions().ordered(false));
		List<String> ids = entries.stream().map(ReadyQueue.Entry::id).toList();
		Map<String, Notification> loaded = this.mongo
			.find(Query.query(Criteria.where("_id").in(ids)), Notification.class)
			.stream()
			.collect(Collectors.toMap(Notification::getId, Function.identity()));
		List<Notification> claimed = new ArrayList<>(entries.size());
		List<ReadyQueue.Entry> stillQueued = new ArrayList<>();
		List<String> lost = new ArrayList<>();
		for (ReadyQueue.Entry entry : entries) {
			Notification n = loaded.get(entry.id());
			if (n != null && n.getStatus() == NotificationStatus.SENDING && token.equals(n.getClaimToken())) {
				claimed.add(n);
			}
			else if (n != null && n.getStatus() == NotificationStatus.QUEUED) {
				// changed since the entry was made (e.g. requeued elsewhere): try again
				ReadyQueue.Entry.of(n).ifPresent(stillQueued::add);
			}
			else {
				// taken by someone else, or no longer to be sent
				lost.add(entry.id());
			}
		}
		return new Claims(claimed, stillQueued, lost);
	}

	/**
	 * {@link Notification#isClaimable} as a query: QUEUED and due. The notification
	 * decides; this only says it to the database
	 * (NotificationQueueAgreementIntegrationTest keeps them equal).
	 */
	static Criteria claimable(Instant now) {
		return Criteria.where("status").is(NotificationStatus.QUEUED).and("nextAttemptAt").lte(now);
	}

	/**
	 * {@link Notification#claim} as one atomic update (the version grows as on a save).
	 */
	static Update claim(String token, Instant now) {
		return new Update().set("status", NotificationStatus.SENDING)
			.set("claimedAt", now)
			.set("claimToken", token)
			.set("updatedAt", now)
			.inc("attempts", 1)
			.inc("version", 1L);
	}

	/**
	 * Claims up to {@code limit} due notifications of a channel, most urgent and oldest
	 * first, found by a scan: for tests that play a worker that dies after claiming, and
	 * for operators; never on the delivery path.
	 */
	public List<Notification> claim(Channel channel, int limit, Instant now) {
		Query due = Query.query(claimable(now).and("channel").is(channel))
			.with(Sort.by(Sort.Order.asc("priorityRank"), Sort.Order.asc("requestedAt")))
			.limit(limit);
		List<ReadyQueue.Entry> entries = this.mongo.find(due, Notification.class)
			.stream()
			.map(ReadyQueue.Entry::of)
			.flatMap(java.util.Optional::stream)
			.toList();
		return claim(entries, UUID.randomUUID().toString(), now).claimed();
	}

	/**
	 * Gives back a claim whose send never started (the worker stopped before it could
	 * hand it to a sender, or the checks before the send failed): queued again as it was,
	 * the attempt not counted; by {@code _id} and the claim's version (so the released
	 * notification is at the next version).
	 * @return whether it was given back (false when it changed since the claim)
	 */
	public boolean release(Notification claimed, Instant now) {
		Update release = new Update().set("status", NotificationStatus.QUEUED)
			.unset("claimedAt")
			.unset("claimToken")
			.set("updatedAt", now)
			.inc("attempts", -1)
			.inc("version", 1L);
		Query mine = Query.query(Criteria.where("_id").is(claimed.getId()).and("version").is(claimed.getVersion()));
		return this.mongo.updateFirst(mine, release, Notification.class).getModifiedCount() > 0;
	}

	/**
	 * The recovery scan: every QUEUED notification (due or not), and those of the claims
	 * made before the cutoff and never answered. A scan of the collection, so it runs
	 * only at start-up and on the slow recovery timer. The notifications stream from the
	 * database cursor to the callbacks, a batch at a time: a backlog of a
	 * 100,000-recipient broadcast is never held as a list (it took notification-service
	 * past its heap, with the lanes holding the same backlog already).
	 * @param cutoff claims made before it and never answered have expired
	 * @param queued takes each QUEUED notification (a projection: id, version, order, due
	 * time, source, expiry)
	 * @param expiredClaim takes the id of each expired claim
	 */
	void recoverable(Instant cutoff, Consumer<Notification> queued, Consumer<String> expiredClaim) {
		Query query = Query.query(new Criteria().orOperator(Criteria.where("status").is(NotificationStatus.QUEUED),
				Criteria.where("status").is(NotificationStatus.SENDING).and("claimedAt").lt(cutoff)));
		query.fields()
			.include("_id", "version", "status", "channel", "priority", "priorityRank", "requestedAt", "nextAttemptAt",
					"claimedAt", "sourceType", "sourceId", "expiresAt");
		query.cursorBatchSize(RECOVERY_BATCH);
		try (Stream<Notification> found = this.mongo.stream(query, Notification.class)) {
			found.forEach((n) -> {
				if (n.getStatus() == NotificationStatus.QUEUED) {
					queued.accept(n);
				}
				else {
					expiredClaim.accept(n.getId());
				}
			});
		}
	}

	private MongoCollection<Document> collection() {
		return this.mongo.getCollection(Notification.COLLECTION);
	}

	/**
	 * What a claim round got: the notifications now held (SENDING, with this round's
	 * token), those still QUEUED in another version (to be offered again), and the ids
	 * lost (claimed elsewhere, or no longer to be sent).
	 */
	record Claims(List<Notification> claimed, List<ReadyQueue.Entry> stillQueued, List<String> lost) {

	}

}
