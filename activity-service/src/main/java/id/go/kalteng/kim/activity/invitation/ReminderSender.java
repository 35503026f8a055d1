package id.go.kalteng.kim.activity.invitation;

import java.time.Clock;
import java.time.Instant;

import id.go.kalteng.kim.activity.planning.Activity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Sends the reminders that are due: each is claimed by exactly one instance, then sent
 * (unless the activity was cancelled, rescheduled to a new revision, or has begun) and
 * marked done. An instance that dies between claim and done leaves the claim to run out;
 * the next claimant sends under the same notification ids, which notification-service
 * keeps once.
 */
@Service
public class ReminderSender {

	private static final Logger log = LoggerFactory.getLogger(ReminderSender.class);

	private static final int BATCH = 200;

	private final ReminderSchedule schedule;

	private final MongoTemplate mongo;

	private final MemberNotices notices;

	private final NoticeProperties properties;

	private final Clock clock;

	ReminderSender(ReminderSchedule schedule, MongoTemplate mongo, MemberNotices notices, NoticeProperties properties,
			Clock clock) {
		this.schedule = schedule;
		this.mongo = mongo;
		this.notices = notices;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Sends what is due now.
	 * @return how many reminders this call claimed and finished
	 */
	public int sendDue() {
		Instant now = this.clock.instant();
		int finished = 0;
		for (Reminder reminder : this.schedule.due(now, BATCH)) {
			if (!this.schedule.claim(reminder, now.plus(this.properties.reminderLease()))) {
				continue;
			}
			Activity activity = this.mongo.findById(reminder.activityId(), Activity.class);
			if (activity != null && activity.isUpcoming(now) && activity.getRevision() == reminder.revision()) {
				this.notices.tell(activity, reminder.kind(), reminder.revision());
			}
			else {
				log.info("reminder {} not sent: the activity is cancelled, past or rescheduled", reminder.id());
			}
			this.schedule.done(reminder.id());
			finished++;
		}
		return finished;
	}

}
