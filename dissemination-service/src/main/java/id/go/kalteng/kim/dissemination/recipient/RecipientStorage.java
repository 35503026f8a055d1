package id.go.kalteng.kim.dissemination.recipient;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import org.bson.Document;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Prepares the recipients at start-up, before any consumer runs: the indexes targeting
 * and erasure look up by, and recipients projected before they carried their number's
 * pseudonymous id get it, so that an erasure finds them.
 */
@Component
class RecipientStorage implements SmartInitializingSingleton {

	private static final int BATCH = 500;

	private final MongoTemplate mongo;

	private final PhonePseudonyms pseudonyms;

	RecipientStorage(MongoTemplate mongo, PhonePseudonyms pseudonyms) {
		this.mongo = mongo;
		this.pseudonyms = pseudonyms;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.mongo.indexOps(Recipient.COLLECTION)
			.createIndex(new Index().on("phoneHash", Sort.Direction.ASC).named("phone_hash"));
		this.mongo.indexOps(Recipient.COLLECTION)
			.createIndex(new Index().on("groupId", Sort.Direction.ASC).named("group"));
		addPhoneHashes();
	}

	/** Gives every recipient without one its number's pseudonymous id. */
	void addPhoneHashes() {
		MongoCollection<Document> recipients = this.mongo.getCollection(Recipient.COLLECTION);
		List<Document> batch;
		do {
			batch = recipients.find(Filters.and(Filters.ne("phone", null), Filters.eq("phoneHash", null)))
				.projection(Projections.include("phone"))
				.limit(BATCH)
				.into(new ArrayList<>());
			if (!batch.isEmpty()) {
				recipients.bulkWrite(batch.stream()
					.map((doc) -> new UpdateOneModel<Document>(Filters.eq("_id", doc.get("_id")),
							Updates.set("phoneHash", this.pseudonyms.of(doc.getString("phone")))))
					.toList());
			}
		}
		while (batch.size() == BATCH);
	}

}
