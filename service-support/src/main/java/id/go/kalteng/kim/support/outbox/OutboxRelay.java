package id.go.kalteng.kim.support.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes the events waiting in aggregate documents, then clears them. Publishing comes
 * first, so a crash in between publishes an event again (consumers dedupe by
 * {@code ce_id}) but never loses one. Runs on one thread, woken after each save and by a
 * poll for what a crash left behind.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final MongoTemplate mongo;

	private final KafkaTemplate<String, byte[]> kafka;

	private final OutboxProperties properties;

	private final List<String> collections;

	private final String source;

	private final Semaphore wakeUps = new Semaphore(0);

	private final Counter published;

	private final Timer lag;

	private volatile Thread worker;

	private volatile boolean running;

	public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> kafka, OutboxProperties properties,
			List<String> collections, String source, MeterRegistry meters) {
		this.mongo = mongo;
		this.source = source;
		this.kafka = kafka;
		this.properties = properties;
		this.collections = List.copyOf(collections);
		this.published = Counter.builder("kim.outbox.published")
			.description("events published from the outbox")
			.register(meters);
		this.lag = Timer.builder("kim.outbox.lag")
			.description("time from a state change to its event's publication")
			.register(meters);
	}

	/** Asks the relay to look for pending events now rather than at the next poll. */
	public void wakeUp() {
		this.wakeUps.release();
	}

	/**
	 * Publishes every pending event once, in order per aggregate, and clears what was
	 * published.
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
		int total = 0;
		for (String collectionName : this.collections) {
			int count;
			do {
				count = publishBatch(this.mongo.getCollection(collectionName), clear);
				total += count;
			}
			while (clear && count > 0 && count >= this.properties.batchSize());
		}
		return total;
	}

	private int publishBatch(MongoCollection<Document> collection, boolean clear) {
		List<Document> docs = collection.find(Filters.exists(OutboxEvent.FIELD + ".0"))
			.projection(Projections.include(OutboxEvent.FIELD))
			.limit(this.properties.batchSize())
			.into(new ArrayList<>());
		if (docs.isEmpty()) {
			return 0;
		}
		List<CompletableFuture<?>> sends = new ArrayList<>();
		List<UpdateOneModel<Document>> clears = new ArrayList<>();
		int count = 0;
		for (Document doc : docs) {
			List<String> ids = new ArrayList<>();
			for (Document pending : doc.getList(OutboxEvent.FIELD, Document.class)) {
				OutboxEvent event = OutboxEvent.fromDocument(pending);
				sends.add(this.kafka.send(CloudEventRecords.toRecord(event, this.source)));
				ids.add(event.id());
				this.lag.record(Duration.between(event.time(), Instant.now()));
				count++;
			}
			clears.add(new UpdateOneModel<>(Filters.eq("_id", doc.get("_id")),
					Updates.pull(OutboxEvent.FIELD, Filters.in("id", ids))));
		}
		this.kafka.flush();
		CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
		if (clear) {
			collection.bulkWrite(clears);
		}
		this.published.increment(count);
		return count;
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
