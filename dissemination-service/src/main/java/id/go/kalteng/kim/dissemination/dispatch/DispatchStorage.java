package id.go.kalteng.kim.dissemination.dispatch;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Prepares the dispatches at start-up, before any consumer runs: the indexes progress and
 * erasure look up by, and, once, dispatches written when they still kept the phone number
 * get its pseudonymous id instead (so an erasure finds them) and lose the number.
 */
@Component
class DispatchStorage implements SmartInitializingSingleton {

	static final String MIGRATIONS = "migrations";

	static final String PHONES_REMOVED = "dispatch-phones-removed";

	static final String COUNTS_KEPT = "dispatch-counts-kept";

	private static final Logger log = LoggerFactory.getLogger(DispatchStorage.class);

	private static final int BATCH = 500;

	private final MongoTemplate mongo;

	private final PhonePseudonyms pseudonyms;

	DispatchStorage(MongoTemplate mongo, PhonePseudonyms pseudonyms) {
		this.mongo = mongo;
		this.pseudonyms = pseudonyms;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.mongo.indexOps(Dispatch.COLLECTION)
			.createIndex(new Index().on("phoneHash", Sort.Direction.ASC).named("phone_hash"));
		this.mongo.indexOps(Dispatch.COLLECTION)
			.createIndex(new Index().on("broadcastId", Sort.Direction.ASC)
				.on("status", Sort.Direction.ASC)
				.named("broadcast_status"));
		this.mongo.getCollection(DispatchCounts.COLLECTION)
			.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true).name("id_version"));
		removeStoredPhones();
		countStoredDispatches();
	}

	/**
	 * Gives every broadcast whose dispatches were written before the counts were kept its
	 * counter document, counted from its dispatches (one scan, at start-up, once).
	 */
	void countStoredDispatches() {
		MongoCollection<Document> migrations = this.mongo.getCollection(MIGRATIONS);
		if (migrations.countDocuments(Filters.eq("_id", COUNTS_KEPT)) > 0) {
			return;
		}
		Map<String, Document> counters = new LinkedHashMap<>();
		for (Document group : this.mongo.getCollection(Dispatch.COLLECTION)
			.aggregate(List.of(Aggregates.group(new Document("broadcastId", "$broadcastId").append("status", "$status"),
					Accumulators.sum("n", 1L))))) {
			Document key = group.get("_id", Document.class);
			String status = key.getString("status");
			String broadcastId = key.getString("broadcastId");
			if (broadcastId == null || status == null || DispatchStatus.QUEUED.name().equals(status)) {
				continue;
			}
			counters
				.computeIfAbsent(broadcastId,
						(id) -> new Document("_id", id).append("version", 1L)
							.append(DispatchCounts.IN_FLIGHT, new Document()))
				.append(status.toLowerCase(Locale.ROOT), ((Number) group.get("n")).longValue());
		}
		MongoCollection<Document> stored = this.mongo.getCollection(DispatchCounts.COLLECTION);
		for (Document counter : counters.values()) {
			try {
				stored.insertOne(counter);
			}
			catch (MongoWriteException ex) {
				// counted already (by another instance started at the same time)
				if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
					throw ex;
				}
			}
		}
		migrations.updateOne(Filters.eq("_id", COUNTS_KEPT),
				Updates.combine(Updates.set("broadcasts", counters.size()), Updates.set("at", new Date())),
				new UpdateOptions().upsert(true));
		if (!counters.isEmpty()) {
			log.info("delivery counts of {} earlier broadcasts counted from their dispatches", counters.size());
		}
	}

	/** Replaces every stored phone by its pseudonymous id; runs to completion once. */
	void removeStoredPhones() {
		MongoCollection<Document> migrations = this.mongo.getCollection(MIGRATIONS);
		if (migrations.countDocuments(Filters.eq("_id", PHONES_REMOVED)) > 0) {
			return;
		}
		MongoCollection<Document> dispatches = this.mongo.getCollection(Dispatch.COLLECTION);
		long converted = 0;
		List<Document> batch;
		do {
			batch = dispatches.find(Filters.ne("phone", null))
				.projection(Projections.include("phone"))
				.limit(BATCH)
				.into(new ArrayList<>());
			if (!batch.isEmpty()) {
				dispatches.bulkWrite(batch.stream()
					.map((doc) -> new UpdateOneModel<Document>(Filters.eq("_id", doc.get("_id")),
							Updates.combine(Updates.set("phoneHash", this.pseudonyms.of(doc.getString("phone"))),
									Updates.unset("phone"))))
					.toList());
				converted += batch.size();
			}
		}
		while (batch.size() == BATCH);
		migrations.updateOne(Filters.eq("_id", PHONES_REMOVED),
				Updates.combine(Updates.set("converted", converted), Updates.set("at", new Date())),
				new UpdateOptions().upsert(true));
		if (converted > 0) {
			log.info("{} dispatches no longer keep a phone number (pseudonymous id instead)", converted);
		}
	}

}
