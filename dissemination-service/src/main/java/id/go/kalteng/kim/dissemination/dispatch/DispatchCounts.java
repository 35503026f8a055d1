package id.go.kalteng.kim.dissemination.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import id.go.kalteng.kim.dissemination.broadcast.DeliveryProgress;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * The delivery counts of each broadcast, kept in one counter document per broadcast
 * ({@value #COLLECTION}, id = the broadcast's id) that every dispatch transition changes,
 * so that reading a broadcast's progress reads one document by {@code _id} instead of
 * counting its dispatches.
 * <p>
 * Exact without multi-document transactions: a transition is counted <em>before</em> the
 * dispatch is moved, and the counter document remembers, in the same single-document
 * write, which status it now counts that dispatch as ({@code inFlight.<dispatchId>}). A
 * transition counted but whose dispatch was not moved (a crash in between, a lost
 * compare-and-set) is recognised when its event comes again and is not counted twice; a
 * transition of a dispatch whose counted status is remembered starts from that status. A
 * remembered status is dropped (in a later write of the same document, and only while it
 * is still the one counted) once the dispatch is known to have it and at least
 * {@link #SETTLE_DELAY} after: then the dispatch's own status is what the counters count
 * it as. A count relies on its read of the dispatch for at most {@link #MAX_READ_AGE}
 * (shorter), so no count can trust a read from before a move whose memory is gone (both
 * are measured by each instance's own monotonic clock: no clock agreement is needed).
 * {@code queued} is not kept: it is the broadcast's recipients minus the dispatches
 * counted in a later status.
 */
@Service
class DispatchCounts implements DeliveryProgress {

	/** The counter documents. */
	static final String COLLECTION = "dispatch_counts";

	static final String IN_FLIGHT = "inFlight";

	private static final int ATTEMPTS = 20;

	/**
	 * How many settled moves of a broadcast wait to be dropped at most: more than a
	 * settle delay's worth of status events (beyond it, moves stay remembered: space
	 * only).
	 */
	private static final int SETTLED_KEPT = 50_000;

	/** How many broadcasts this instance keeps settled moves and counters of. */
	private static final int BROADCASTS_KEPT = 1_000;

	/**
	 * The longest a count may rely on a read of its dispatch; longer, and the dispatch is
	 * read again.
	 */
	static final Duration MAX_READ_AGE = Duration.ofMillis(500);

	/**
	 * How long a remembered status stays after its dispatch got it, at least: longer than
	 * {@link #MAX_READ_AGE}, so that whoever read the dispatch before its move finds the
	 * remembered status instead of trusting that read.
	 */
	static final Duration SETTLE_DELAY = Duration.ofSeconds(2);

	private final MongoTemplate mongo;

	/**
	 * Per broadcast, the dispatches whose transition is counted and applied: their
	 * remembered status may go.
	 */
	private final Map<String, Map<String, Settled>> settled = new ConcurrentHashMap<>();

	private volatile Duration settleDelay = SETTLE_DELAY;

	/**
	 * Per broadcast, its counter document as this instance last wrote it: the next count
	 * tries its compare-and-set on it without reading (one round trip less while one
	 * instance counts a broadcast), and reads only when that fails.
	 */
	private final Map<String, Document> lastWritten = new ConcurrentHashMap<>();

	DispatchCounts(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Map<String, Long> countsFor(String broadcastId, long recipients) {
		Document counters = counters().find(Filters.eq("_id", broadcastId))
			.projection(Projections.exclude(IN_FLIGHT))
			.first();
		Map<String, Long> counts = new LinkedHashMap<>();
		counts.put(field(DispatchStatus.QUEUED), 0L);
		long later = 0;
		long finals = 0;
		for (DispatchStatus status : DispatchStatus.values()) {
			if (status == DispatchStatus.QUEUED) {
				continue;
			}
			long count = countOf(counters, status);
			later += count;
			finals += status.isFinal() ? count : 0;
			// a message handed to a provider without delivery reports is shown as sent
			String shown = (status == DispatchStatus.SENT_FINAL) ? field(DispatchStatus.SENT) : field(status);
			counts.merge(shown, count, Long::sum);
		}
		counts.put(field(DispatchStatus.QUEUED), Math.max(0, recipients - later));
		counts.put("final", finals);
		return counts;
	}

	/**
	 * How many of a broadcast's messages have a final status (one read by {@code _id}).
	 * @param broadcastId the broadcast
	 * @return the count
	 */
	long finalCount(String broadcastId) {
		Document counters = counters().find(Filters.eq("_id", broadcastId))
			.projection(Projections.exclude(IN_FLIGHT))
			.first();
		long finals = 0;
		for (DispatchStatus status : DispatchStatus.values()) {
			finals += status.isFinal() ? countOf(counters, status) : 0;
		}
		return finals;
	}

	private static long countOf(Document counters, DispatchStatus status) {
		Object value = (counters != null) ? counters.get(field(status)) : null;
		return (value instanceof Number number) ? number.longValue() : 0;
	}

	/**
	 * Counts a dispatch's move, once: a move the counters already count (or went past)
	 * changes nothing.
	 * @param broadcastId the dispatch's broadcast
	 * @param dispatchId the dispatch
	 * @param from the dispatch's stored status
	 * @param to its new status
	 * @param readAt when the dispatch was read ({@link System#nanoTime()})
	 * @return false when the dispatch was read too long ago to be relied on (read it
	 * again)
	 */
	boolean count(String broadcastId, String dispatchId, DispatchStatus from, DispatchStatus to, long readAt) {
		return countAll(broadcastId, List.of(new Move(dispatchId, from, to)), readAt);
	}

	/**
	 * Counts moves of dispatches of one broadcast, each once, in one write of its counter
	 * document.
	 * @param broadcastId the broadcast
	 * @param moves the moves, at most one per dispatch
	 * @param readAt when the dispatches were read ({@link System#nanoTime()})
	 * @return false when they were read too long ago to be relied on (read them again)
	 */
	boolean countAll(String broadcastId, List<Move> moves, long readAt) {
		MongoCollection<Document> counters = counters();
		for (int attempt = 1;; attempt++) {
			// the document as this instance last wrote it, if nobody has taken it since:
			// its compare-and-set fails if anyone else wrote since
			Document stored = this.lastWritten.remove(broadcastId);
			boolean remembered = stored != null;
			if (!remembered) {
				stored = counters.find(Filters.eq("_id", broadcastId)).first();
			}
			if (System.nanoTime() - readAt > MAX_READ_AGE.toNanos()) {
				// what the dispatches' read said may no longer hold, and their remembered
				// statuses may be gone: read them again
				return false;
			}
			boolean created = stored == null;
			if (created) {
				stored = new Document("_id", broadcastId).append("version", 0L);
			}
			Document inFlight = stored.get(IN_FLIGHT, new Document());
			Map<String, Long> deltas = new LinkedHashMap<>();
			Map<String, String> counted = new LinkedHashMap<>();
			for (Move move : moves) {
				String countedAs = inFlight.getString(move.dispatchId());
				DispatchStatus from = (countedAs != null) ? DispatchStatus.valueOf(countedAs) : move.from();
				if (move.to().reachableFrom().contains(from)) {
					deltas.merge(field(move.to()), 1L, Long::sum);
					if (from != DispatchStatus.QUEUED) {
						deltas.merge(field(from), -1L, Long::sum);
					}
					counted.put(move.dispatchId(), move.to().name());
				}
			}
			if (counted.isEmpty()) {
				if (remembered) {
					// decided on what this instance wrote: make sure with a fresh read
					continue;
				}
				return true;
			}
			Map<String, Settled> dropped = droppable(broadcastId, moves, inFlight);
			Document next = new Document(stored);
			Document nextInFlight = new Document(inFlight);
			counted.forEach(nextInFlight::put);
			dropped.keySet().forEach(nextInFlight::remove);
			deltas.forEach((field, delta) -> next.put(field, countOf(next, field) + delta));
			long version = ((Number) stored.get("version")).longValue();
			next.append(IN_FLIGHT, nextInFlight).append("version", version + 1);
			boolean written = created ? inserted(counters, next)
					: counters
						.updateOne(new Document("_id", broadcastId).append("version", version),
								update(deltas, counted, dropped.keySet()))
						.getMatchedCount() == 1;
			if (written) {
				forget(broadcastId, dropped);
				written(broadcastId, next);
				return true;
			}
			if (attempt >= ATTEMPTS) {
				throw new OptimisticLockingFailureException("counters of broadcast " + broadcastId + " keep changing");
			}
		}
	}

	private static boolean inserted(MongoCollection<Document> counters, Document created) {
		try {
			counters.insertOne(created);
			return true;
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			return false;
		}
	}

	private static Bson update(Map<String, Long> deltas, Map<String, String> counted, Set<String> dropped) {
		List<Bson> updates = new ArrayList<>();
		deltas.forEach((field, delta) -> updates.add(Updates.inc(field, delta)));
		counted.forEach((dispatchId, status) -> updates.add(Updates.set(IN_FLIGHT + "." + dispatchId, status)));
		dropped.forEach((dispatchId) -> updates.add(Updates.unset(IN_FLIGHT + "." + dispatchId)));
		updates.add(Updates.inc("version", 1L));
		return Updates.combine(updates);
	}

	private void written(String broadcastId, Document counters) {
		if (this.lastWritten.size() >= BROADCASTS_KEPT) {
			this.lastWritten.clear();
		}
		this.lastWritten.put(broadcastId, counters);
	}

	private static long countOf(Document counters, String field) {
		return (counters.get(field) instanceof Number number) ? number.longValue() : 0;
	}

	/**
	 * The dispatch now has the status its counted move led to: the remembered status may
	 * go with one of the broadcast's later counter writes.
	 */
	void settled(String broadcastId, String dispatchId, DispatchStatus status) {
		if (this.settled.size() > BROADCASTS_KEPT) {
			// many broadcasts at once: forget (what stays remembered is only space)
			this.settled.clear();
		}
		Map<String, Settled> ofBroadcast = this.settled.computeIfAbsent(broadcastId, (id) -> new ConcurrentHashMap<>());
		if (ofBroadcast.size() < SETTLED_KEPT) {
			ofBroadcast.put(dispatchId, new Settled(status.name(), System.nanoTime()));
		}
	}

	/**
	 * The settled dispatches whose remembered status may go: still the settled one, and
	 * settled long enough ago that nobody still acts on a read of the dispatch from
	 * before its move ({@link #MAX_READ_AGE} is shorter than the settle delay).
	 */
	private Map<String, Settled> droppable(String broadcastId, List<Move> moves, Document inFlight) {
		Set<String> moving = new HashSet<>();
		moves.forEach((move) -> moving.add(move.dispatchId()));
		Map<String, Settled> ofBroadcast = this.settled.getOrDefault(broadcastId, Map.of());
		Map<String, Settled> droppable = new LinkedHashMap<>();
		long now = System.nanoTime();
		ofBroadcast.forEach((settledId, settled) -> {
			if (!settled.status().equals(inFlight.getString(settledId))) {
				// dropped already, or counted further since: nothing to drop
				ofBroadcast.remove(settledId, settled);
			}
			else if (!moving.contains(settledId) && now - settled.at() >= this.settleDelay.toNanos()) {
				droppable.put(settledId, settled);
			}
		});
		return droppable;
	}

	private void forget(String broadcastId, Map<String, Settled> dropped) {
		Map<String, Settled> ofBroadcast = this.settled.get(broadcastId);
		if (ofBroadcast != null) {
			dropped.forEach(ofBroadcast::remove);
		}
	}

	/** How long a remembered status stays at least after its dispatch got it. */
	void settleDelay(Duration delay) {
		this.settleDelay = delay;
	}

	private MongoCollection<Document> counters() {
		return this.mongo.getCollection(COLLECTION);
	}

	private static String field(DispatchStatus status) {
		return status.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * A dispatch's move to count.
	 *
	 * @param dispatchId the dispatch
	 * @param from its status as read
	 * @param to its new status
	 */
	record Move(String dispatchId, DispatchStatus from, DispatchStatus to) {

	}

	/**
	 * A dispatch's counted move that was applied, and when ({@link System#nanoTime()}).
	 */
	private record Settled(String status, long at) {

	}

}
