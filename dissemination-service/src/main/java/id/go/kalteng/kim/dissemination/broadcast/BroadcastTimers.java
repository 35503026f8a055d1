package id.go.kalteng.kim.dissemination.broadcast;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Starts scheduled broadcasts and ends expired ones on time. The broadcasts waiting for a
 * time are listed in one document ({@value #COLLECTION}, {@code _id} {@value #ID}, field
 * {@code timers.<broadcastId>}: {@code scheduledAt}, {@code expiresAt}) that every
 * instance reads by {@code _id} once a second ({@link #TICK_MILLIS}); a due one is
 * changed through {@link BroadcastService#timerDue}, a compare-and-set on the broadcast's
 * {@code {_id, version}} that records its approval event in the same write, so of several
 * instances exactly one starts it (the others find it started and do nothing). An
 * approval adds its entry after saving the broadcast; so that an entry lost in between (a
 * crash) or a broadcast scheduled while no instance ran still fires, the broadcasts are
 * scanned for SCHEDULED, APPROVED and SENDING ones with a time at start-up and every
 * {@link #REPAIR_MILLIS} (a scan of {@code broadcasts}: on a slow timer only). An entry
 * goes once its broadcast has ended or has no time left to wait for.
 */
@Component
public class BroadcastTimers {

	static final String COLLECTION = "broadcast_timers";

	static final String ID = "timers";

	static final long TICK_MILLIS = 1000;

	static final long REPAIR_MILLIS = 5 * 60 * 1000;

	private static final Logger log = LoggerFactory.getLogger(BroadcastTimers.class);

	private final MongoTemplate mongo;

	private final BroadcastService broadcasts;

	private final Clock clock;

	BroadcastTimers(MongoTemplate mongo, BroadcastService broadcasts, Clock clock) {
		this.mongo = mongo;
		this.broadcasts = broadcasts;
		this.clock = clock;
	}

	/**
	 * Lists a broadcast that waits for a time (its start or its expiry).
	 * @param broadcast the broadcast
	 */
	void track(Broadcast broadcast) {
		if (broadcast.getScheduledAt() == null && broadcast.getExpiresAt() == null) {
			return;
		}
		Document entry = new Document();
		if (broadcast.getScheduledAt() != null) {
			entry.append("scheduledAt", Date.from(broadcast.getScheduledAt()));
		}
		if (broadcast.getExpiresAt() != null) {
			entry.append("expiresAt", Date.from(broadcast.getExpiresAt()));
		}
		timers().updateOne(Filters.eq("_id", ID), Updates.set("timers." + broadcast.getId(), entry),
				new UpdateOptions().upsert(true));
	}

	private void untrack(String broadcastId) {
		timers().updateOne(Filters.eq("_id", ID), Updates.unset("timers." + broadcastId));
	}

	/**
	 * Applies every due timer once a second (one read by {@code _id}, then one change per
	 * due broadcast).
	 */
	@Scheduled(fixedDelay = TICK_MILLIS, initialDelay = TICK_MILLIS)
	void tickNow() {
		tick();
	}

	/**
	 * Applies every due timer once (see {@link #tickNow}).
	 * @return how many broadcasts were due
	 */
	public int tick() {
		Document stored = timers().find(Filters.eq("_id", ID)).first();
		if (stored == null) {
			return 0;
		}
		Instant now = this.clock.instant();
		int due = 0;
		for (Map.Entry<String, Object> timer : stored.get("timers", new Document()).entrySet()) {
			Document entry = (Document) timer.getValue();
			if (!isDue(entry.getDate("scheduledAt"), now) && !isDue(entry.getDate("expiresAt"), now)) {
				continue;
			}
			due++;
			try {
				Broadcast broadcast = this.broadcasts.timerDue(timer.getKey());
				if (broadcast == null || broadcast.getStatus().ended()
						|| broadcast.getExpiresAt() == null && broadcast.getStatus() != BroadcastStatus.SCHEDULED) {
					untrack(timer.getKey());
				}
			}
			catch (RuntimeException ex) {
				log.warn("broadcast {}: its timer could not be applied now, again at the next tick: {}", timer.getKey(),
						ex.toString());
			}
		}
		return due;
	}

	private static boolean isDue(Date at, Instant now) {
		return at != null && !at.toInstant().isAfter(now);
	}

	/**
	 * Lists every broadcast that waits for a time, in case its entry was lost: at
	 * start-up and on a slow timer (a scan of {@code broadcasts}).
	 * @return how many were listed
	 */
	public int repair() {
		Query waiting = Query.query(Criteria.where("status")
			.in(List.of(BroadcastStatus.SCHEDULED.name(), BroadcastStatus.APPROVED.name(),
					BroadcastStatus.SENDING.name())));
		List<Broadcast> found = new ArrayList<>();
		for (Broadcast broadcast : this.mongo.find(waiting, Broadcast.class)) {
			if (broadcast.getScheduledAt() != null && broadcast.getStatus() == BroadcastStatus.SCHEDULED
					|| broadcast.getExpiresAt() != null) {
				found.add(broadcast);
			}
		}
		found.forEach(this::track);
		return found.size();
	}

	/** At start-up and every {@link #REPAIR_MILLIS}: {@link #repair()}. */
	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(fixedDelay = REPAIR_MILLIS, initialDelay = REPAIR_MILLIS)
	void repairNow() {
		int found = repair();
		if (found > 0) {
			log.info("{} broadcast(s) wait for a scheduled start or an expiry", found);
		}
	}

	private MongoCollection<Document> timers() {
		return this.mongo.getCollection(COLLECTION);
	}

}
