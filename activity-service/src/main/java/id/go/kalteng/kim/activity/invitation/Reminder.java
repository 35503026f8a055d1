package id.go.kalteng.kim.activity.invitation;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One reminder of one activity revision, persisted when the activity is planned or
 * rescheduled, so that it survives restarts; {@code version} makes its claim by one
 * instance exclusive.
 *
 * @param id activity id, revision and kind
 * @param activityId the activity
 * @param revision the activity revision it reminds of
 * @param kind REMINDER_DAY_BEFORE or REMINDER_TWO_HOURS
 * @param dueAt when it goes out
 * @param state PENDING, CLAIMED (by an instance until {@code leaseUntil}) or DONE
 * @param leaseUntil until when a claim holds
 * @param version bumped by each claim
 */
@Document(Reminder.COLLECTION)
record Reminder(@Id String id, String activityId, int revision, NoticeKind kind, Instant dueAt, String state,
		Instant leaseUntil, long version) {

	static final String COLLECTION = "reminders";

	static final String PENDING = "PENDING";

	static final String CLAIMED = "CLAIMED";

	static final String DONE = "DONE";

	static String idOf(String activityId, int revision, NoticeKind kind) {
		return activityId + "|" + revision + "|" + kind;
	}

}
