package id.go.kalteng.kim.notification;

import java.time.Duration;

import id.go.kalteng.kim.notification.delivery.ProviderMessages;
import id.go.kalteng.kim.notification.delivery.WebhookReplays;
import id.go.kalteng.kim.notification.optout.InboundMessages;
import id.go.kalteng.kim.notification.tracking.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

/**
 * The indexes the queries of this service rely on: the worker's claim and lease scans,
 * delivery-report look-ups, erasures and the listings; and the expiry of replay and
 * duplicate records. Created at start-up when missing. (The sandbox's own are made by the
 * sandbox, where it runs.)
 */
@Component
class MongoIndexes implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(MongoIndexes.class);

	private final MongoTemplate mongo;

	MongoIndexes(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		IndexOperations notifications = this.mongo.indexOps(Notification.COLLECTION);
		create(notifications,
				new Index().on("status", Direction.ASC)
					.on("channel", Direction.ASC)
					.on("priorityRank", Direction.ASC)
					.on("requestedAt", Direction.ASC)
					.named("claim"));
		create(notifications,
				new Index().on("status", Direction.ASC)
					.on("channel", Direction.ASC)
					.on("claimedAt", Direction.ASC)
					.named("lease"));
		create(notifications, new Index().on("providerMessageId", Direction.ASC).sparse().named("providerMessageId"));
		create(notifications,
				new Index().on("sourceId", Direction.ASC).on("updatedAt", Direction.DESC).named("source"));
		create(notifications, new Index().on("phone", Direction.ASC).on("requestedAt", Direction.DESC).named("phone"));
		create(notifications, new Index().on("memberId", Direction.ASC).named("member"));
		create(notifications,
				new Index().on("phoneHash", Direction.ASC).on("requestedAt", Direction.DESC).named("phoneHash"));
		create(notifications,
				new Index().on("kabupaten", Direction.ASC).on("updatedAt", Direction.DESC).named("kabupaten"));
		// a provider's message id names its notification for as long as reports may come
		create(this.mongo.indexOps(ProviderMessages.COLLECTION),
				new Index().on("at", Direction.ASC).expire(Duration.ofDays(90)).named("expiry"));
		// replay and duplicate records expire by themselves
		for (String collection : new String[] { WebhookReplays.COLLECTION, InboundMessages.COLLECTION }) {
			create(this.mongo.indexOps(collection),
					new Index().on("expiresAt", Direction.ASC).expire(Duration.ZERO).named("expiry"));
		}
	}

	private static void create(IndexOperations operations, Index index) {
		try {
			operations.createIndex(index);
		}
		catch (RuntimeException ex) {
			// queries still work without it, only slower
			log.warn("Could not create index {}: {}", index.getIndexOptions().get("name"), ex.toString());
		}
	}

}
