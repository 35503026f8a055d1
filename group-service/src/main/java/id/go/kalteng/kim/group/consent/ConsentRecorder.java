package id.go.kalteng.kim.group.consent;

import java.time.Clock;
import java.util.List;

import id.go.kalteng.kim.group.registry.Group;
import id.go.kalteng.kim.group.registry.Groups;
import id.go.kalteng.kim.support.observability.Masking;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Records a channel opt-out or opt-in reported by notification-service on every
 * membership of that number, so every group's members carry their current consent.
 */
@Service
class ConsentRecorder {

	private static final Logger log = LoggerFactory.getLogger(ConsentRecorder.class);

	private final MongoTemplate mongo;

	private final Groups groups;

	private final Clock clock;

	ConsentRecorder(MongoTemplate mongo, Groups groups, Clock clock) {
		this.mongo = mongo;
		this.groups = groups;
		this.clock = clock;
	}

	void record(String phone, String channel, boolean allowed, String reason) {
		Query query = Query.query(Criteria.where("members.phone").is(phone));
		query.fields().include("_id");
		List<String> groupIds = this.mongo.find(query, Document.class, this.mongo.getCollectionName(Group.class))
			.stream()
			.map((d) -> d.getString("_id"))
			.toList();
		int changed = 0;
		for (String groupId : groupIds) {
			if (this.groups.changeAsSystem(groupId,
					(group) -> group.changeConsent(phone, channel, allowed, reason, this.clock.instant()))) {
				changed++;
			}
		}
		log.info("{} {} for {}: consent changed in {} of {} groups", allowed ? "opt-in" : "opt-out", channel,
				Masking.phone(phone), changed, groupIds.size());
	}

}
