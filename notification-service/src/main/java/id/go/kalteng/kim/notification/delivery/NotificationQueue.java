package id.go.kalteng.kim.notification.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The queued notifications as a work queue: a worker claims one with an atomic QUEUED →
 * SENDING update (so no two workers, in this process or another, take the same one),
 * URGENT before NORMAL, oldest first, only when it is about to send it. A claim carries
 * its time (the lease) and a token naming its holder.
 */
@Component
public class NotificationQueue {

	private final MongoTemplate mongo;

	NotificationQueue(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Claims the most urgent, oldest notification of a channel that is due; the claim
	 * counts as an attempt. The delivery worker calls it only when a sender is free and
	 * the rate limit and the provider's breaker allow a send, so that a claim is always
	 * followed by its send at once.
	 */
	public Optional<Notification> claimNext(Channel channel, Instant now) {
		Query due = Query.query(claimable(now).and("channel").is(channel))
			.with(Sort.by(Sort.Order.asc("priorityRank"), Sort.Order.asc("requestedAt")));
		return Optional.ofNullable(this.mongo.findAndModify(due, claim(UUID.randomUUID().toString(), now),
				FindAndModifyOptions.options().returnNew(true), Notification.class));
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
	 * Claims up to {@code limit} notifications as {@link #claimNext} does, for tests that
	 * play a worker that dies after claiming.
	 */
	public List<Notification> claim(Channel channel, int limit, Instant now) {
		List<Notification> claimed = new ArrayList<>(limit);
		while (claimed.size() < limit) {
			Optional<Notification> next = claimNext(channel, now);
			if (next.isEmpty()) {
				break;
			}
			claimed.add(next.get());
		}
		return claimed;
	}

	/**
	 * Gives back a claim whose send never started (the worker stopped before it could
	 * hand it to a sender, or the checks before the send failed): queued again as it was,
	 * the attempt not counted.
	 */
	public boolean release(Notification claimed, Instant now) {
		Query mine = Query.query(Criteria.where("_id")
			.is(claimed.getId())
			.and("status")
			.is(NotificationStatus.SENDING)
			.and("claimToken")
			.is(claimed.getClaimToken()));
		Update release = new Update().set("status", NotificationStatus.QUEUED)
			.unset("claimedAt")
			.unset("claimToken")
			.set("updatedAt", now)
			.inc("attempts", -1)
			.inc("version", 1L);
		return this.mongo.updateFirst(mine, release, Notification.class).getModifiedCount() > 0;
	}

	/** Ids of notifications of a channel claimed before the cutoff and never answered. */
	public List<String> expiredLeases(Channel channel, Instant cutoff, int limit) {
		Query expired = Query
			.query(Criteria.where("status")
				.is(NotificationStatus.SENDING)
				.and("channel")
				.is(channel)
				.and("claimedAt")
				.lt(cutoff))
			.limit(limit);
		expired.fields().include("_id");
		return this.mongo.find(expired, Notification.class).stream().map(Notification::getId).toList();
	}

}
