package id.go.kalteng.kim.notification;

import java.util.List;

import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Brings records written before phone hashes existed up to date at start-up, so that an
 * installation's opt-outs keep working and its erasures find everything: opt-outs keyed
 * by the plain number are re-keyed by its hash (the number dropped), notifications and
 * sandbox messages get the hash of their phone. Finds nothing to do once done.
 */
@Component
class PhoneHashBackfill implements SmartInitializingSingleton {

	static final String OPT_OUTS = "opt_outs";

	static final String SANDBOX_MESSAGES = "sandbox_messages";

	private static final Logger log = LoggerFactory.getLogger(PhoneHashBackfill.class);

	private static final int BATCH = 500;

	private final MongoTemplate mongo;

	private final PhonePseudonyms pseudonyms;

	PhoneHashBackfill(MongoTemplate mongo, PhonePseudonyms pseudonyms) {
		this.mongo = mongo;
		this.pseudonyms = pseudonyms;
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			run();
		}
		catch (RuntimeException ex) {
			// the service works without it; the next start tries again
			log.warn("Could not add phone hashes to older records: {}", ex.toString());
		}
	}

	void run() {
		long optOuts = rekeyOptOuts();
		long notifications = addHashes(Notification.COLLECTION, true);
		long messages = addHashes(SANDBOX_MESSAGES, false);
		if (optOuts + notifications + messages > 0) {
			log.info("Phone hashes added: {} opt-outs re-keyed, {} notifications, {} sandbox messages", optOuts,
					notifications, messages);
		}
	}

	private long rekeyOptOuts() {
		long done = 0;
		for (Document legacy : this.mongo.find(Query.query(Criteria.where("phone").exists(true)), Document.class,
				OPT_OUTS)) {
			if (legacy.get("pendingEvents") instanceof List<?> pending && !pending.isEmpty()) {
				// its event is not published yet: the next start re-keys it
				continue;
			}
			String hash = this.pseudonyms.of(legacy.getString("phone"));
			Document rekeyed = new Document(legacy);
			rekeyed.remove("phone");
			rekeyed.put("_id", hash + ":" + legacy.getString("channel"));
			rekeyed.put("phoneHash", hash);
			try {
				this.mongo.insert(rekeyed, OPT_OUTS);
			}
			catch (DuplicateKeyException ex) {
				// a newer record by hash exists: it wins
			}
			this.mongo.remove(Query.query(Criteria.where("_id").is(legacy.get("_id"))), OPT_OUTS);
			done++;
		}
		return done;
	}

	/**
	 * @param versioned whether the documents are aggregates: then the version grows, so
	 * that a copy loaded before is reloaded instead of saved over the hash
	 */
	private long addHashes(String collection, boolean versioned) {
		long done = 0;
		Query missing = Query.query(Criteria.where("phone").exists(true).ne(null).and("phoneHash").exists(false))
			.limit(BATCH);
		missing.fields().include("phone");
		List<Document> batch;
		do {
			batch = this.mongo.find(missing, Document.class, collection);
			for (Document document : batch) {
				String hash = this.pseudonyms.of(document.getString("phone"));
				Update update = new Update().set("phoneHash", hash);
				if (versioned) {
					update.inc("version", 1L);
				}
				this.mongo.updateFirst(
						Query.query(Criteria.where("_id").is(document.get("_id")).and("phoneHash").exists(false)),
						update, collection);
				done++;
			}
		}
		while (batch.size() == BATCH);
		return done;
	}

}
