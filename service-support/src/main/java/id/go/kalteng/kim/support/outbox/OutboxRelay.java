package id.go.kalteng.kim.support.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.Counter;
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
 * {@code ce_id}) but never loses one. Runs on one thread, woken after each save and by a
 * poll for what a crash or another instance left behind.
 * <p>
 * Each round takes the documents with pending events, oldest first, through an index of
 * only those documents, and claims them with a lease, so two instances never publish the
 * same event. One aggregate's events go out one after the other: the next only once the
 * broker acknowledged the previous one. An event the broker refuses for good (too large,
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

	/** The claim of one relay round: {@code owner} and {@code until}. */
	static final String LEASE = "outboxLease";

	/** Events parked with their error, in the order they were recorded. */
	static final String PARKED = "parkedEvents";

	/** Present (true) while the document has parked events: later ones are held. */
	static final String HELD = "outboxHeld";

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final MongoTemplate mongo;

	private final KafkaTemplate<String, byte[]> kafka;

	private final OutboxProperties properties;

	private final List<String> collections;

	private final String source;

	private final String instance = UUID.randomUUID().toString();

	private final Semaphore wakeUps = new Semaphore(0);

	private final Counter published;

	private final Timer lag;

	private final MeterRegistry meters;

	private volatile boolean indexed;

	private volatile Thread worker;

	private volatile boolean running;

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
	 * Publishes every pending event once, in order per aggregate, and clears what was
	 * published (or parked).
	 * @return how many events were published
	 */
	public int publishPending() {
		return publishPending(true);
	}

	/**
	 * One relay round; {@code clear} false stops after publishing, as a crash between the
	 * two steps would (tests use it to show that the duplicate changes nothing
	 * downstream).
	 */
	int publishPending(boolean clear) {
		ensureIndexes();
		int total = 0;
		for (String collectionName : this.collections) {
			MongoCollection<Document> collection = this.mongo.getCollection(collectionName);
			Round round;
			do {
				round = new Round(collection, clear);
				total += round.run();
				if (round.brokerAway()) {
					return total;
				}
			}
			while (clear && round.claimed() >= this.properties.batchSize());
		}
		return total;
	}

	/**
	 * The index the relay reads through (only documents with pending events) and the one
	 * the parked list reads through; documents written before pending events had a
	 * {@link #PENDING_SINCE} get one, once.
	 */
	private void ensureIndexes() {
		if (this.indexed) {
			return;
		}
		for (String name : this.collections) {
			MongoCollection<Document> collection = this.mongo.getCollection(name);
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

	/**
	 * One batch of one collection: claim, publish in waves (the n-th pending event of
	 * every document still going), then clear what went out and park what never will.
	 */
	private final class Round {

		private final MongoCollection<Document> collection;

		private final boolean clear;

		private final String token = OutboxRelay.this.instance + "/" + UUID.randomUUID();

		private int claimed;

		private String brokerAway;

		Round(MongoCollection<Document> collection, boolean clear) {
			this.collection = collection;
			this.clear = clear;
		}

		int claimed() {
			return this.claimed;
		}

		/** Whether the broker looked unreachable: more rounds now would only wait. */
		boolean brokerAway() {
			return this.brokerAway != null;
		}

		int run() {
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

		private List<PendingDocument> claim() {
			Date now = new Date();
			Bson free = Filters.or(Filters.exists(LEASE + ".until", false), Filters.lte(LEASE + ".until", now));
			List<Object> ids = this.collection.find(Filters.and(Filters.exists(PENDING_SINCE), free))
				.sort(Sorts.ascending(PENDING_SINCE))
				.limit(OutboxRelay.this.properties.batchSize())
				.projection(Projections.include("_id"))
				.map((doc) -> doc.get("_id"))
				.into(new ArrayList<>());
			if (ids.isEmpty()) {
				return List.of();
			}
			Date until = Date.from(now.toInstant().plus(OutboxRelay.this.properties.lease()));
			this.collection.updateMany(Filters.and(Filters.in("_id", ids), free),
					Updates.set(LEASE, new Document("owner", this.token).append("until", until)));
			return this.collection.find(Filters.and(Filters.in("_id", ids), Filters.eq(LEASE + ".owner", this.token)))
				.projection(Projections.include(OutboxEvent.FIELD, HELD))
				.map((doc) -> new PendingDocument(doc, OutboxRelay.this.kafka, OutboxRelay.this.source))
				.into(new ArrayList<>());
		}

		/**
		 * Clears what went out and parks what never will, per document, so one document's
		 * failure keeps no other from being cleared; a document that met a passing
		 * failure keeps its lease a little longer as its retry delay.
		 */
		private void finish(List<PendingDocument> documents) {
			List<WriteModel<Document>> writes = new ArrayList<>();
			Date retryAt = Date.from(Instant.now().plus(OutboxRelay.this.properties.retryAfter()));
			int transientFailures = 0;
			for (PendingDocument document : documents) {
				writes.addAll(document.clearing(this.token, retryAt));
				if (!document.parked().isEmpty()) {
					parkedCounter(this.collection.getNamespace().getCollectionName())
						.increment(document.parked().size());
					log.error("Outbox: parked {} event(s) of {} {}: {}", document.parked().size(),
							this.collection.getNamespace().getCollectionName(), document.id(),
							document.parked().get(0).getString("error"));
				}
				if (document.failure() != null) {
					transientFailures++;
				}
			}
			if (!writes.isEmpty()) {
				this.collection.bulkWrite(writes);
			}
			if (transientFailures > 0) {
				log.warn("Outbox: events of {} document(s) of {} not published, retrying: {}", transientFailures,
						this.collection.getNamespace().getCollectionName(),
						documents.stream()
							.map(PendingDocument::failure)
							.filter((failure) -> failure != null)
							.findFirst()
							.orElse(null));
			}
		}

	}

	@Override
	public void start() {
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
					publishPending(true);
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
