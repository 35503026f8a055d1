package id.go.kalteng.kim.notification.cancellation;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The sources (broadcasts) an operator cancelled, by source key ({@code BROADCAST:<id>}):
 * stored in {@code cancelled_sources} (by {@code _id}; a handful of documents) and held
 * in memory, so that intake and every send ask without a round trip. The set is read
 * whole at start-up and again every {@code kim.notification.cancellation.refresh}, which
 * tells this instance of the cancellations another instance consumed; a cancellation
 * consumed here is in the set at once.
 */
@Component
public class CancelledSources implements SmartLifecycle {

	/** The collection of cancelled sources. */
	public static final String COLLECTION = "cancelled_sources";

	private static final Logger log = LoggerFactory.getLogger(CancelledSources.class);

	private final MongoTemplate mongo;

	private final Duration refresh;

	private final Set<String> keys = ConcurrentHashMap.newKeySet();

	private ScheduledExecutorService refresher;

	private volatile boolean running;

	CancelledSources(MongoTemplate mongo, CancellationSettings settings) {
		this.mongo = mongo;
		this.refresh = settings.refresh();
		// known before the request consumers start, not only before the delivery worker
		refresh();
	}

	/** Whether the source of that key was cancelled (known to this instance). */
	public boolean isCancelled(String sourceKey) {
		return this.keys.contains(sourceKey);
	}

	/**
	 * Stores a cancellation (once: a repeat finds it) and adds it to the set.
	 * @return whether it was new
	 */
	boolean record(String sourceKey, String sourceType, String sourceId, String kabupaten, String cancelledBy,
			String reason, Instant at) {
		boolean added = true;
		try {
			this.mongo.getCollection(COLLECTION)
				.insertOne(new Document("_id", sourceKey).append("sourceType", sourceType)
					.append("sourceId", sourceId)
					.append("kabupaten", kabupaten)
					.append("cancelledBy", cancelledBy)
					.append("reason", reason)
					.append("cancelledAt", Date.from(at)));
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			added = false;
		}
		catch (DuplicateKeyException ex) {
			added = false;
		}
		this.keys.add(sourceKey);
		return added;
	}

	/** Reads the set again (a scan of the few cancelled sources). */
	void refresh() {
		try {
			this.mongo.getCollection(COLLECTION)
				.find()
				.projection(new Document("_id", 1))
				.forEach((doc) -> this.keys.add(doc.getString("_id")));
		}
		catch (RuntimeException ex) {
			log.warn("Could not read the cancelled sources; next try in {}: {}", this.refresh, ex.toString());
		}
	}

	@Override
	public void start() {
		this.refresher = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "cancelled-sources");
			thread.setDaemon(true);
			return thread;
		});
		this.refresher.scheduleWithFixedDelay(this::refresh, this.refresh.toMillis(), this.refresh.toMillis(),
				TimeUnit.MILLISECONDS);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.refresher != null) {
			this.refresher.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// known before the delivery worker claims anything
		return Integer.MAX_VALUE - 100;
	}

}
