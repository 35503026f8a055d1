package id.go.kalteng.kim.support.messaging;

import java.util.Date;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Remembers which events a consumer has handled, keyed by consumer and {@code ce_id}, so
 * a redelivered or republished event changes nothing twice.
 */
public class ProcessedEvents {

	static final String COLLECTION = "processed_events";

	private final MongoTemplate mongo;

	public ProcessedEvents(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	public boolean isProcessed(String consumer, String eventId) {
		return collection().countDocuments(Filters.eq("_id", key(consumer, eventId))) > 0;
	}

	public void markProcessed(String consumer, InboundEvent event) {
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

	private MongoCollection<Document> collection() {
		return this.mongo.getCollection(COLLECTION);
	}

	private static String key(String consumer, String eventId) {
		return consumer + ":" + eventId;
	}

}
