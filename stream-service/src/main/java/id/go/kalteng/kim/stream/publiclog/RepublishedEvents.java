package id.go.kalteng.kim.stream.publiclog;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import id.go.kalteng.kim.support.storage.UnorderedInserts;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Which event ids the public log has taken, and from which source record: an id seen at
 * another position is a duplicate (an outbox relay that published twice) and is skipped;
 * the same position seen again is the record itself, handed over again after its Kafka
 * transaction was aborted, and is republished. Read and written by {@code _id} only, one
 * round trip each per batch.
 */
public class RepublishedEvents {

	static final String COLLECTION = "republished_events";

	private final MongoTemplate mongo;

	private final Clock clock;

	private final Duration retention;

	public RepublishedEvents(MongoTemplate mongo, Clock clock, Duration retention) {
		this.mongo = mongo;
		this.clock = clock;
		this.retention = retention;
	}

	/** The source position recorded for each of the ids that were seen before. */
	public Map<String, String> positionsOf(Collection<String> ids) {
		Map<String, String> positions = new HashMap<>();
		if (ids.isEmpty()) {
			return positions;
		}
		for (Document document : collection().find(Filters.in("_id", ids))) {
			positions.put(document.getString("_id"), document.getString("position"));
		}
		return positions;
	}

	/** Records ids with the source position each was first taken from. */
	public void remember(Map<String, String> positions) {
		Date now = Date.from(this.clock.instant());
		List<Document> documents = positions.entrySet()
			.stream()
			.map((entry) -> new Document("_id", entry.getKey()).append("position", entry.getValue()).append("at", now))
			.toList();
		UnorderedInserts.insertSkippingExisting(collection(), documents);
	}

	/**
	 * The index real MongoDB uses to forget ids after the retention (the embedded server
	 * ignores it; the collection then grows by one small document per event).
	 */
	public void createIndexes() {
		collection().createIndex(Indexes.ascending("at"),
				new IndexOptions().expireAfter(this.retention.toSeconds(), TimeUnit.SECONDS));
	}

	private MongoCollection<Document> collection() {
		return this.mongo.getCollection(COLLECTION);
	}

}
