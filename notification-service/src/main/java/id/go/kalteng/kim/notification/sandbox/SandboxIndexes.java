package id.go.kalteng.kim.notification.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

/**
 * The indexes of the sandbox's messages (look-up by message id for delivery reports, by
 * phone for the listing and by phone hash for erasures), created at start-up where the
 * sandbox runs.
 */
@Component
@ConditionalOnSandbox
class SandboxIndexes implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(SandboxIndexes.class);

	private final MongoTemplate mongo;

	SandboxIndexes(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		IndexOperations sandbox = this.mongo.indexOps(SandboxMessage.COLLECTION);
		create(sandbox, new Index().on("messageId", Direction.ASC).unique().named("messageId"));
		create(sandbox, new Index().on("phone", Direction.ASC).on("sentAt", Direction.DESC).named("phone"));
		create(sandbox, new Index().on("phoneHash", Direction.ASC).named("phoneHash"));
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
