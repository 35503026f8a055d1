package id.go.kalteng.kim.group.registry;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

/**
 * The indexes the register's queries use: search by kabupaten/status/name, and the
 * opt-out lookup by a member's number.
 */
@Component
class GroupIndexes {

	private final MongoTemplate mongo;

	GroupIndexes(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@EventListener(ApplicationReadyEvent.class)
	void create() {
		IndexOperations indexes = this.mongo.indexOps(Group.class);
		indexes.createIndex(new Index().on("details.kabupaten", Sort.Direction.ASC)
			.on("status", Sort.Direction.ASC)
			.on("details.name", Sort.Direction.ASC)
			.named("kabupaten_status_name"));
		indexes.createIndex(new Index().on("members.phone", Sort.Direction.ASC).named("member_phone"));
	}

}
