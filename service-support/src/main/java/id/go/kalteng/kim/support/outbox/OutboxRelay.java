package id.go.kalteng.kim.support.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import id.go.kalteng.kim.support.storage.UnorderedInserts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes the events waiting in aggregate documents, then clears them. Publishing comes
 * first, so a crash in between publishes an event again (consumers dedupe by
 * {@code ce_id}) but never loses one. Runs on one thread, woken after each save.
 * <p>
 * <b>Where the work comes from.</b> Every save with new events tells the relay which
 * document it wrote ({@link #pending}), so the relay reads exactly those documents, by
 * {@code _id}: nothing on this path queries by another field, which matters because the
 * local MongoDB-wire server serves only {@code _id} (and unique-index) lookups from an
 * index and scans the whole collection for anything else. What a crash or another
 * instance left behind is found by a scan for documents with a {@link #PENDING_SINCE}
 * marker (an index of only those documents on a real MongoDB): once at start-up, then
 * every {@link OutboxProperties#scanInterval()} for documents pending longer than
 * {@link OutboxProperties#abandonedAfter()}.
 * <p>
 * <b>Claims.</b> A round claims its documents with a lease: one small document per
 * aggregate in {@value #LEASES}, inserted (a duplicate id means another relay holds it)
 * and deleted when the round is done; an expired one is taken over. So two instances
 * never publish the same event, and a crashed instance's claims run out after
 * {@link OutboxProperties#lease()}. Clearing is a compare-and-set on the version the
 * round read ({@code {_id, version}}, served by a unique index): when a save came in
 * between, only the published events are pulled and the document is looked at again.
 * <p>
 * One aggregate's events go out one after the other: the next only once the broker
 * acknowledged the previous one. An event the broker refuses for good (too large,
 * unserializable, invalid topic) is parked, with the error, together with every later
 * event of its aggregate, until an operator retries them ({@link ParkedEvents}); other
 * aggregates go on. A passing failure (broker unreachable, timeout) parks nothing: the
 * document is tried again after {@link OutboxProperties#retryAfter()}.
 */
public class OutboxRelay implements SmartLifecycle {

	/**
	 * When the oldest pending event of a document was recorded; present only while it has
	 * pending events, so its index holds only those documents.
	 */
	public static final String PENDING_SINCE = "pendingSince";

	/**
	 * The relays' claims: {@code _id} = collection/aggregate id, {@code owner},
	 * {@code until}.
	 */
	static final String LEASES = "outbox_leases";

	/** Events parked with their error, in the order they were recorded. */
	static final String PARKED = "parkedEvents";

	/** Present (true) while the document has parked events: later ones are held. */
	static final String HELD = "outboxHeld";

	/**
	 * The unique index on {@code {_id, version}}: makes the optimistic writes of
	 * {@link AggregateStore} and the relay's clearing index lookups on the MongoDB-wire
	 * server too (it uses an index only for a query of exactly that index's fields).
	 */
	static final String VERSION_INDEX = "id_version";

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final MongoTemplate mongo;

	private final KafkaTemplate<String, byte[]> kafka;

	private final OutboxProperties properties;

	private final List<String> collections;

	private final String source;

	private final String instance = UUID.randomUUID().toString();

	private final Semaphore wakeUps = new Semaphore(0);

	/** Per collection, the ids saved with new events that this relay has not handled. */
	private final Map<String, Hints> hints = new ConcurrentHashMap<>();

	/**
	 * Per collection, the age in seconds of the oldest pending event the last scan found.
	 */
	private final Map<String, AtomicLong> stalled = new ConcurrentHashMap<>();

	private final Counter published;

	private final Timer lag;

	private final MeterRegistry meters;

	private volatile boolean indexed;

	private volatile Thread worker;

	private volatile boolean running;

	private Instant nextScan = Instant.MIN;

	public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, OutboxProperties properties,
			List<String> collections, String source, MeterRegistry meters) {
		this.mongo = mongo;
		this.source = source;
		this.kafka = kafka;
		this.properties = properties;
		this.collections = List.copyOf(collections);
		this.meters = meters;
		this.published = Counter.builder("kim.outbox.published")
			.description("events published from the outbox")
			.register(meters);
		this.lag = Timer.builder("kim.outbox.lag")
			.description("time from a state change to its event's publication")
			.register(meters);
		collections.forEach(this::parkedCounter);
		collections.forEach((name) -> this.hints.put(name, new Hints()));
		for (String name : collections) {
			Gauge.builder("kim.outbox.backlog", this.hints.get(name), Hints::size)
				.description("documents saved with events this relay has not published yet")
				.tag("collection", name)
				.register(meters);
			this.stalled.put(name, new AtomicLong());
			Gauge.builder("kim.outbox.stalled.age", this.stalled.get(name), AtomicLong::get)
				.description("age of the oldest event no save reported, found by the relay's last scan (0: none)")
				.baseUnit("seconds")
				.tag("collection", name)
				.register(meters);
		}
	}

	/** The CloudEvents source of the events this relay publishes. */
	public String source() {
		return this.source;
	}

	/** The collections of aggregates whose events this relay publishes. */
	public List<String> collections() {
		return this.collections;
	}

	/** Asks the relay to look for pending events now rather than at the next poll. */
	public void wakeUp() {
		this.wakeUps.release();
	}

	/**
	 * Tells the relay that these documents were saved with new events, and wakes it.
	 * @param collection their collection
	 * @param ids their ids
	 */
	public void pending(String collection, Collection<?> ids) {
		pending(collection, ids, false);
	}

	/**
	 * Tells the relay that these documents were saved with new events, and wakes it.
	 * @param collection their collection
	 * @param ids their ids
	 * @param first whether they go before the ordinary ones already waiting
	 * ({@link AggregateRoot#publishesFirst()})
	 */
	public void pending(String collection, Collection<?> ids, boolean first) {
		Hints known = this.hints.get(collection);
		if (known != null && !ids.isEmpty()) {
			known.add(ids, first);
			wakeUp();
		}
	}

	/**
	 * Publishes every pending event once, in order per aggregate, and clears what was
	 * published (or parked): what this relay was told about, then whatever else has
	 * pending events (a scan).
	 * @return how many events were published
	 */
	public int publishPending() {
		return publishPending(true);
	}

	/**
	 * One relay pass; {@code clear} false stops after publishing, as a crash between the
	 * two steps would (tests use it to show that the duplicate changes nothing
	 * downstream).
	 */
	int publishPending(boolean clear) {
		ensureIndexes();
		int total = 0;
		for (String collectionName : this.collections) {
			Pass pass = publishHinted(collectionName, clear);
			total += pass.published();
			if (pass.brokerAway()) {
				return total;
			}
			Round round;
			do {
				round = new Round(collectionName, scan(collectionName, null), clear, false);
				total += round.run();
			}
			while (!round.brokerAway() && clear && round.candidates() >= this.properties.batchSize()
					&& round.claimed() > 0);
			if (round.brokerAway()) {
				return total;
			}
		}
		return total;
	}

	/** The relay loop's pass: what saves reported, then a scan when one is due. */
	private int publishReported() {
		ensureIndexes();
		int total = 0;
		Instant now = Instant.now();
		boolean scanDue = !now.isBefore(this.nextScan);
		for (String collectionName : this.collections) {
			if (scanDue) {
				// at start-up everything pending; later only what nobody seems to handle
				Date before = (this.nextScan == Instant.MIN) ? null
						: Date.from(now.minus(this.properties.abandonedAfter()));
				Round round = new Round(collectionName, scan(collectionName, before), true, false);
				total += round.run();
				if (round.brokerAway()) {
					return total;
				}
			}
			Pass pass = publishHinted(collectionName, true);
			total += pass.published();
			if (pass.brokerAway()) {
				return total;
			}
		}
		if (scanDue) {
			this.nextScan = now.plus(this.properties.scanInterval());
		}
		return total;
	}

	private Pass publishHinted(String collectionName, boolean clear) {
		Hints known = this.hints.get(collectionName);
		int total = 0;
		List<Object> ids;
		while (!(ids = known.take(this.properties.batchSize())).isEmpty()) {
			Round round = new Round(collectionName, ids, clear, true);
			total += round.run();
			if (round.brokerAway()) {
				return new Pass(total, true);
			}
		}
		return new Pass(total, false);
	}

	/**
	 * Ids of documents with pending events, oldest first, at most a batch: a query by a
	 * field, which the MongoDB-wire server answers by scanning, so it runs only at
	 * start-up, on the scan timer and when asked to publish everything.
	 * @param before only documents pending since before this time; null for all
	 */
	private List<Object> scan(String collectionName, Date before) {
		Bson pending = (before != null) ? Filters.lt(PENDING_SINCE, before) : Filters.exists(PENDING_SINCE);
		List<Document> found = this.mongo.getCollection(collectionName)
			.find(pending)
			.sort(Sorts.ascending(PENDING_SINCE))
			.limit(this.properties.batchSize())
			.projection(Projections.include("_id", PENDING_SINCE))
			.into(new ArrayList<>());
		Date oldest = found.isEmpty() ? null : found.get(0).getDate(PENDING_SINCE);
		AtomicLong age = this.stalled.get(collectionName);
		if (age != null) {
			age.set((oldest != null) ? Math.max(0, Duration.between(oldest.toInstant(), Instant.now()).toSeconds())
					: 0);
		}
		return found.stream().map((doc) -> doc.get("_id")).toList();
	}

	/**
	 * The indexes the relay and the store read through (only documents with pending
	 * events; only those with parked events; {@code {_id, version}}); documents written
	 * before pending events had a {@link #PENDING_SINCE} get one, once.
	 */
	void ensureIndexes() {
		if (this.indexed) {
			return;
		}
		for (String name : this.collections) {
			MongoCollection<Document> collection = this.mongo.getCollection(name);
			collection.createIndex(Indexes.ascending("_id", "version"),
					new IndexOptions().name(VERSION_INDEX).unique(true));
			collection.createIndex(Indexes.ascending(PENDING_SINCE),
					new IndexOptions().name("outbox_pending").partialFilterExpression(Filters.exists(PENDING_SINCE)));
			collection.createIndex(Indexes.ascending(HELD),
					new IndexOptions().name("outbox_held").partialFilterExpression(Filters.exists(HELD)));
			collection.updateMany(
					Filters.and(Filters.exists(OutboxEvent.FIELD + ".0"), Filters.exists(PENDING_SINCE, false)),
					Updates.set(PENDING_SINCE, new Date()));
		}
		this.indexed = true;
	}

	Counter parkedCounter(String collection) {
		return Counter.builder("kim.outbox.parked")
			.description("events the broker refused for good, parked for an operator")
			.tag("collection", collection)
			.register(this.meters);
	}

	/** The lease id of an aggregate. */
	static String leaseId(String collection, Object id) {
		return collection + "/" + id;
	}

	/** What one pass over the reported documents of a collection did. */
	private record Pass(int published, boolean brokerAway) {

	}

	/**
	 * Ids saved with new events, in the order reported, those to publish first ahead of
	 * the others; a repeat is harmless.
	 */
	static final class Hints {

		private final Set<Object> first = new LinkedHashSet<>();

		private final Set<Object> ordinary = new LinkedHashSet<>();

		synchronized void add(Collection<?> more) {
			add(more, false);
		}

		synchronized void add(Collection<?> more, boolean urgent) {
			if (urgent) {
				this.first.addAll(more);
				this.ordinary.removeAll(more);
			}
			else {
				more.stream().filter((id) -> !this.first.contains(id)).forEach(this.ordinary::add);
			}
		}

		synchronized int size() {
			return this.first.size() + this.ordinary.size();
		}

		synchronized List<Object> take(int max) {
			List<Object> taken = new ArrayList<>(Math.min(max, this.first.size() + this.ordinary.size()));
			drain(this.first, taken, max);
			drain(this.ordinary, taken, max);
			return taken;
		}

		private static void drain(Set<Object> from, List<Object> into, int max) {
			Iterator<Object> it = from.iterator();
			while (it.hasNext() && into.size() < max) {
				into.add(it.next());
				it.remove();
			}
		}

	}

	/**
	 * One batch of one collection: claim, publish in waves (the n-th pending event of
	 * every document still going), then clear what went out and park what never will.
	 */
	private final class Round {

		private final String collectionName;

		private final MongoCollection<Document> collection;

		private final MongoCollection<Document> leases;

		private final List<Object> candidates;

		private final boolean clear;

		/** Whether the candidates were reported by saves of this process. */
		private final boolean reported;

		private final String token = OutboxRelay.this.instance + "/" + UUID.randomUUID();

		private int claimed;

		private String brokerAway;

		Round(String collectionName, List<Object> candidates, boolean clear, boolean reported) {
			this.collectionName = collectionName;
			this.collection = OutboxRelay.this.mongo.getCollection(collectionName);
			this.leases = OutboxRelay.this.mongo.getCollection(LEASES);
			this.candidates = candidates;
			this.clear = clear;
			this.reported = reported;
		}

		int candidates() {
			return this.candidates.size();
		}

		int claimed() {
			return this.claimed;
		}

		/** Whether the broker looked unreachable: more rounds now would only wait. */
		boolean brokerAway() {
			return this.brokerAway != null;
		}

		int run() {
			if (this.candidates.isEmpty()) {
				return 0;
			}
			List<PendingDocument> documents = claim();
			this.claimed = documents.size();
			if (documents.isEmpty()) {
				return 0;
			}
			int count = 0;
			Instant deadline = Instant.now().plus(OutboxRelay.this.properties.sendTimeout());
			List<PendingDocument> sending = documents.stream().filter(PendingDocument::hasNext).toList();
			while (!sending.isEmpty()) {
				List<PendingDocument.InFlight> wave = new ArrayList<>();
				for (PendingDocument document : sending) {
					if (this.brokerAway != null) {
						document.stop(this.brokerAway);
						continue;
					}
					PendingDocument.InFlight inFlight = document.sendNext();
					wave.add(inFlight);
					// a send that failed at once for a passing reason (no broker metadata
					// within max.block.ms): the next would wait as long, try later
					this.brokerAway = inFlight.failedAtOnceForAPassingReason();
				}
				OutboxRelay.this.kafka.flush();
				for (PendingDocument.InFlight inFlight : wave) {
					if (inFlight.await(deadline)) {
						OutboxRelay.this.lag.record(Duration.between(inFlight.event().time(), Instant.now()));
						count++;
					}
				}
				sending = sending.stream().filter(PendingDocument::hasNext).toList();
			}
			OutboxRelay.this.published.increment(count);
			if (this.clear) {
				finish(documents);
			}
			return count;
		}

		/**
		 * Claims the candidates no other relay holds (inserting their leases; a duplicate
		 * is somebody's claim, taken over once expired) and reads their pending events by
		 * {@code _id}.
		 */
		private List<PendingDocument> claim() {
			Date now = new Date();
			Date until = Date.from(now.toInstant().plus(OutboxRelay.this.properties.lease()));
			Map<String, Object> byLease = new LinkedHashMap<>();
			this.candidates.forEach((id) -> byLease.put(leaseId(this.collectionName, id), id));
			List<Document> claims = byLease.keySet()
				.stream()
				.map((lease) -> new Document("_id", lease).append("owner", this.token).append("until", until))
				.toList();
			Set<String> ours = new LinkedHashSet<>(byLease.keySet());
			Set<String> taken = new HashSet<>();
			UnorderedInserts.insertSkippingExisting(this.leases, claims)
				.forEach((index) -> taken.add((String) claims.get(index).get("_id")));
			if (!taken.isEmpty()) {
				ours.removeAll(taken);
				ours.addAll(takeOverExpired(taken, now, until, byLease));
			}
			if (ours.isEmpty()) {
				return List.of();
			}
			List<Object> ids = ours.stream().map(byLease::get).toList();
			List<PendingDocument> documents = this.collection.find(Filters.in("_id", ids))
				.projection(Projections.include(OutboxEvent.FIELD, HELD, "version"))
				.map((doc) -> new PendingDocument(doc, OutboxRelay.this.kafka, OutboxRelay.this.source))
				.into(new ArrayList<>());
			if (documents.size() < ids.size()) {
				// gone since they were saved: nothing to publish, nothing to hold
				Set<Object> found = new HashSet<>();
				documents.forEach((document) -> found.add(document.id()));
				List<String> vanished = ids.stream()
					.filter((id) -> !found.contains(id))
					.map((id) -> leaseId(this.collectionName, id))
					.toList();
				this.leases.deleteMany(Filters.in("_id", vanished));
			}
			return documents;
		}

		/**
		 * Of the candidates other claims hold, takes those whose claim expired (its relay
		 * crashed or hangs); a reported one still held by a claim of this relay (waiting
		 * for its retry) is reported again for later.
		 */
		private List<String> takeOverExpired(Set<String> taken, Date now, Date until, Map<String, Object> byLease) {
			List<String> takenOver = new ArrayList<>();
			List<Object> later = new ArrayList<>();
			for (Document lease : this.leases.find(Filters.in("_id", new ArrayList<>(taken)))) {
				String id = lease.getString("_id");
				Date expiry = lease.getDate("until");
				if (expiry != null && !expiry.after(now)) {
					if (this.leases
						.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("owner", lease.getString("owner"))),
								Updates.combine(Updates.set("owner", this.token), Updates.set("until", until)))
						.getModifiedCount() > 0) {
						takenOver.add(id);
					}
				}
				else if (this.reported
						&& String.valueOf(lease.getString("owner")).startsWith(OutboxRelay.this.instance + "/")) {
					later.add(byLease.get(id));
				}
			}
			if (!later.isEmpty()) {
				OutboxRelay.this.hints.get(this.collectionName).add(later);
			}
			return takenOver;
		}

		/**
		 * Clears what went out and parks what never will, per document, so one document's
		 * failure keeps no other from being cleared; then ends the claims, except those
		 * of documents that met a passing failure, kept until their retry.
		 */
		private void finish(List<PendingDocument> documents) {
			List<WriteModel<Document>> writes = new ArrayList<>();
			List<PendingDocument> compareAndSet = new ArrayList<>();
			List<Object> retried = new ArrayList<>();
			Date retryAt = Date.from(Instant.now().plus(OutboxRelay.this.properties.retryAfter()));
			for (PendingDocument document : documents) {
				PendingDocument.Clearing clearing = document.clearing();
				if (clearing.write() != null) {
					writes.add(clearing.write());
				}
				if (clearing.compareAndSet()) {
					compareAndSet.add(document);
				}
				if (!document.parked().isEmpty()) {
					parkedCounter(this.collectionName).increment(document.parked().size());
					log.error("Outbox: parked {} event(s) of {} {}: {}", document.parked().size(), this.collectionName,
							document.id(), document.parked().get(0).getString("error"));
				}
				if (document.failure() != null) {
					retried.add(document.id());
				}
			}
			if (!writes.isEmpty()) {
				BulkWriteResult result = this.collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
				if (result.getMatchedCount() < writes.size() && !compareAndSet.isEmpty()) {
					afterConcurrentSaves(compareAndSet);
				}
			}
			List<String> done = documents.stream()
				.filter((document) -> document.failure() == null)
				.map((document) -> leaseId(this.collectionName, document.id()))
				.toList();
			if (!done.isEmpty()) {
				this.leases.deleteMany(Filters.in("_id", done));
			}
			if (!retried.isEmpty()) {
				this.leases.updateMany(
						Filters.in("_id", retried.stream().map((id) -> leaseId(this.collectionName, id)).toList()),
						Updates.set("until", retryAt));
				if (this.reported) {
					OutboxRelay.this.hints.get(this.collectionName).add(retried);
				}
				log.warn("Outbox: events of {} document(s) of {} not published, retrying: {}", retried.size(),
						this.collectionName,
						documents.stream()
							.map(PendingDocument::failure)
							.filter((failure) -> failure != null)
							.findFirst()
							.orElse(null));
			}
		}

		/**
		 * Some compare-and-set clearings matched nothing: a save (or an operator's retry)
		 * changed those documents during the round. Their version tells which; they get
		 * only their published events pulled, and another look.
		 */
		private void afterConcurrentSaves(List<PendingDocument> compareAndSet) {
			Map<Object, Long> versions = new HashMap<>();
			this.collection.find(Filters.in("_id", compareAndSet.stream().map(PendingDocument::id).toList()))
				.projection(Projections.include("version"))
				.forEach((doc) -> versions.put(doc.get("_id"), ((Number) doc.get("version", 0L)).longValue()));
			List<WriteModel<Document>> fallbacks = new ArrayList<>();
			List<Object> again = new ArrayList<>();
			for (PendingDocument document : compareAndSet) {
				Long now = versions.get(document.id());
				if (now != null && now != document.version()) {
					fallbacks.add(document.clearingByIdOnly());
					again.add(document.id());
				}
			}
			if (!fallbacks.isEmpty()) {
				this.collection.bulkWrite(fallbacks, new BulkWriteOptions().ordered(false));
				OutboxRelay.this.hints.get(this.collectionName).add(again);
			}
		}

	}

	@Override
	public void start() {
		ensureIndexes();
		if (!this.properties.enabled() || this.running) {
			return;
		}
		this.running = true;
		this.worker = new Thread(this::loop, "outbox-relay");
		this.worker.setDaemon(true);
		this.worker.start();
	}

	private void loop() {
		Duration backoff = this.properties.pollInterval();
		while (this.running) {
			try {
				this.wakeUps.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS);
				this.wakeUps.drainPermits();
				if (this.running) {
					publishReported();
				}
				backoff = this.properties.pollInterval();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Outbox relay round failed, retrying: {}", ex.toString());
				backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
						: backoff.multipliedBy(2);
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.worker;
		if (thread != null) {
			this.wakeUp();
			try {
				thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// stop before the Kafka producer and MongoDB client go away
		return Integer.MAX_VALUE - 100;
	}

}
