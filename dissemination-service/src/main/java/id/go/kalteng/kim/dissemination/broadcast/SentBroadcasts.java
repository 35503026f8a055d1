package id.go.kalteng.kim.dissemination.broadcast;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The broadcasts that most recently began sending, newest first, in one document
 * ({@value #COLLECTION}, {@code _id} {@value #ID}, at most {@value #KEPT}): written once
 * per broadcast when its fan-out starts, read by {@code _id} for each community reply,
 * which then finds the latest one the sender received by the ids of its possible
 * dispatches ({@code _id $in}), never by a scan.
 */
@Component
public class SentBroadcasts {

	static final String COLLECTION = "sent_broadcasts";

	static final String ID = "recent";

	/** How many recent broadcasts a reply is matched against. */
	public static final int KEPT = 50;

	private final MongoTemplate mongo;

	SentBroadcasts(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * A broadcast began sending (repeating it changes nothing).
	 * @param broadcastId the broadcast
	 * @param at when
	 */
	void started(String broadcastId, Instant at) {
		for (int attempt = 0; attempt < 20; attempt++) {
			Document stored = collection().find(Filters.eq("_id", ID)).first();
			List<Document> sent = new ArrayList<>();
			sent.add(new Document("id", broadcastId).append("at", Date.from(at)));
			long version = 0;
			if (stored != null) {
				version = ((Number) stored.get("version", 0L)).longValue();
				for (Document earlier : stored.getList("sent", Document.class, List.of())) {
					if (!broadcastId.equals(earlier.getString("id")) && sent.size() < KEPT) {
						sent.add(earlier);
					}
				}
			}
			Document next = new Document("_id", ID).append("sent", sent).append("version", version + 1);
			try {
				if (stored == null) {
					collection().insertOne(next);
					return;
				}
				// {_id, version}: the unique index's exact keys
				if (collection().replaceOne(new Document("_id", ID).append("version", version), next)
					.getMatchedCount() == 1) {
					return;
				}
			}
			catch (MongoWriteException ex) {
				if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
					throw ex;
				}
			}
		}
		throw new IllegalStateException("the list of sent broadcasts keeps changing");
	}

	/**
	 * The broadcasts that began sending most recently, newest first.
	 * @return their ids
	 */
	public List<String> newestFirst() {
		Document stored = collection().find(Filters.eq("_id", ID)).first();
		if (stored == null) {
			return List.of();
		}
		return stored.getList("sent", Document.class, List.of()).stream().map((d) -> d.getString("id")).toList();
	}

	private MongoCollection<Document> collection() {
		return this.mongo.getCollection(COLLECTION);
	}

}
