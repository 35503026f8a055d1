package id.go.kalteng.kim.support.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import id.go.kalteng.kim.support.storage.UnorderedInserts;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Remembers which events a consumer has handled, keyed by consumer and {@code ce_id}, so
 * a redelivered or republished event changes nothing twice. A record expires after the
 * retention period (a TTL index on {@code processedAt}), which must be longer than the
 * retention of the topics consumed: an event can only come again while its topic still
 * holds it.
 */
public class ProcessedEvents {

	static final String COLLECTION = "processed_events";

	static final String TTL_INDEX = "processed_events_ttl";

	private final MongoTemplate mongo;

	private final Duration retention;

	private volatile boolean retentionEnsured;

	public ProcessedEvents(MongoTemplate mongo) {
		this(mongo, Duration.ofDays(14));
	}

	public ProcessedEvents(MongoTemplate mongo, Duration retention) {
		this.mongo = mongo;
		this.retention = retention;
	}

	/** The key under which a consumer remembers an event. */
	public static String key(String consumer, String eventId) {
		return consumer + ":" + eventId;
	}

	/** Whether the consumer handled the event: one look-up by {@code _id}. */
	public boolean isProcessed(String consumer, String eventId) {
		return collection().find(Filters.eq("_id", key(consumer, eventId)))
			.projection(Projections.include("_id"))
			.limit(1)
			.first() != null;
	}

	/**
	 * Which of the events the consumer handled, in one look-up by {@code _id $in}.
	 * @return the ids among {@code eventIds} that were handled
	 */
	public Set<String> processedAmong(String consumer, Collection<String> eventIds) {
		if (eventIds.isEmpty()) {
			return Set.of();
		}
		String prefix = key(consumer, "");
		List<String> keys = eventIds.stream().distinct().map((id) -> key(consumer, id)).toList();
		Set<String> processed = new HashSet<>();
		collection().find(Filters.in("_id", keys))
			.projection(Projections.include("_id"))
			.forEach((doc) -> processed.add(doc.getString("_id").substring(prefix.length())));
		return processed;
	}

	/**
	 * Remembers many handled events in one unordered insert; those remembered before (a
	 * batch redelivered after a crash) are skipped.
	 */
	public void markAllProcessed(String consumer, Collection<InboundEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		ensureRetention();
		Date now = new Date();
		Map<String, Document> records = new LinkedHashMap<>();
		for (InboundEvent event : events) {
			String key = key(consumer, event.id());
			records.putIfAbsent(key, new Document("_id", key).append("type", event.type()).append("processedAt", now));
		}
		UnorderedInserts.insertSkippingExisting(collection(), new ArrayList<>(records.values()));
	}

	public void markProcessed(String consumer, InboundEvent event) {
		ensureRetention();
		try {
			collection().insertOne(new Document("_id", key(consumer, event.id())).append("type", event.type())
				.append("processedAt", new Date()));
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
		}
	}

	/**
	 * Creates the TTL index, or changes its expiry when the retention was changed (by
	 * dropping and creating it again).
	 */
	public void ensureRetention() {
		if (this.retentionEnsured) {
			return;
		}
		IndexOptions options = new IndexOptions().name(TTL_INDEX)
			.expireAfter(this.retention.toSeconds(), TimeUnit.SECONDS);
		try {
			collection().createIndex(Indexes.ascending("processedAt"), options);
		}
		catch (MongoCommandException ex) {
			// IndexOptionsConflict / IndexKeySpecsConflict: another retention before
			if (ex.getErrorCode() != 85 && ex.getErrorCode() != 86) {
				throw ex;
			}
			collection().dropIndex(TTL_INDEX);
			collection().createIndex(Indexes.ascending("processedAt"), options);
		}
		this.retentionEnsured = true;
	}

	private MongoCollection<Document> collection() {
		return this.mongo.getCollection(COLLECTION);
	}

}
