package id.go.kalteng.kim.activity.invitation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The persisted reminders: scheduled by {@code _id} (a redelivered event schedules the
 * same documents again, changing nothing), found due on a slow timer (the one query by
 * another field, {@code dueAt}; production has its index), and claimed one at a time by a
 * conditional update on {@code {_id, version}}, which the unique index of those two keys
 * serves, so that of two instances exactly one wins each reminder.
 */
@Service
class ReminderSchedule implements SmartInitializingSingleton {

	private final MongoTemplate mongo;

	ReminderSchedule(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.mongo.getCollection(Reminder.COLLECTION)
			.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true).name("claim"));
		this.mongo.getCollection(Reminder.COLLECTION)
			.createIndex(Indexes.ascending("state", "dueAt"), new IndexOptions().name("due"));
	}

	/**
	 * Schedules the reminders of an activity revision; ones already scheduled stay as
	 * they are (a redelivery does not re-arm a sent reminder).
	 */
	void schedule(String activityId, int revision, Map<NoticeKind, Instant> due) {
		if (due.isEmpty()) {
			return;
		}
		List<UpdateOneModel<Document>> writes = new ArrayList<>();
		due.forEach((kind,
				at) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", Reminder.idOf(activityId, revision, kind)),
						Updates.combine(Updates.setOnInsert("activityId", activityId),
								Updates.setOnInsert("revision", revision), Updates.setOnInsert("kind", kind.name()),
								Updates.setOnInsert("dueAt", java.util.Date.from(at)),
								Updates.setOnInsert("state", Reminder.PENDING), Updates.setOnInsert("version", 0L)),
						new UpdateOptions().upsert(true))));
		this.mongo.getCollection(Reminder.COLLECTION).bulkWrite(writes);
	}

	/**
	 * Reminders due by now, pending or whose claim ran out (a scan, on the timer only).
	 */
	List<Reminder> due(Instant now, int limit) {
		Query query = Query.query(Criteria.where("dueAt").lte(now).and("state").in(Reminder.PENDING, Reminder.CLAIMED))
			.limit(limit);
		return this.mongo.find(query, Reminder.class)
			.stream()
			.filter((r) -> Reminder.PENDING.equals(r.state()) || r.leaseUntil() == null || !r.leaseUntil().isAfter(now))
			.toList();
	}

	/**
	 * Claims a reminder for this instance until the lease ends.
	 * @return whether this call won it
	 */
	boolean claim(Reminder reminder, Instant leaseUntil) {
		Document filter = new Document("_id", reminder.id()).append("version", reminder.version());
		return this.mongo.getCollection(Reminder.COLLECTION)
			.updateOne(filter,
					Updates.combine(Updates.set("state", Reminder.CLAIMED),
							Updates.set("leaseUntil", java.util.Date.from(leaseUntil)),
							Updates.set("version", reminder.version() + 1)))
			.getModifiedCount() == 1;
	}

	void done(String id) {
		this.mongo.getCollection(Reminder.COLLECTION)
			.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("state", Reminder.DONE)));
	}

	/** A reminder, by id. */
	Reminder find(String id) {
		return this.mongo.findById(id, Reminder.class);
	}

}
