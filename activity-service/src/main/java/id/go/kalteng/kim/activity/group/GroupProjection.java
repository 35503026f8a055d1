package id.go.kalteng.kim.activity.group;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Writes the {@code groups} projection from the group events: idempotent upserts keyed by
 * group id; members are a set, so a redelivered join or leave changes nothing. Read it
 * through {@link KnownGroups}.
 */
@Service
class GroupProjection {

	private final MongoTemplate mongo;

	GroupProjection(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** A group's status, as its registration or lifecycle event states it. */
	void statusChanged(String groupId, String kabupaten, String status) {
		this.mongo.upsert(byId(groupId), new Update().set("kabupaten", kabupaten).set("status", status),
				GroupView.COLLECTION);
	}

	/**
	 * A member joined.
	 * @param groupStatus the group's status when the event says it (a group first seen
	 * through its members), or null
	 */
	void memberJoined(String groupId, String memberId, String kabupaten, String groupStatus) {
		Update update = new Update().addToSet("members", memberId).set("kabupaten", kabupaten);
		if (groupStatus != null) {
			// a group first seen through its members: remember its status, never
			// overwrite
			update.setOnInsert("status", groupStatus);
		}
		this.mongo.upsert(byId(groupId), update, GroupView.COLLECTION);
	}

	/** A member left or was erased. */
	void memberGone(String groupId, String memberId) {
		this.mongo.updateFirst(byId(groupId), new Update().pull("members", memberId), GroupView.COLLECTION);
	}

	private static Query byId(String id) {
		return Query.query(Criteria.where("_id").is(id));
	}

}
