package id.go.kalteng.kim.activity.invitation;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

import id.go.kalteng.kim.activity.planning.Activity;
import id.go.kalteng.kim.activity.planning.ActivityStatus;
import id.go.kalteng.kim.contracts.activity.ActivityCancelledEvent;
import id.go.kalteng.kim.contracts.activity.ActivityPlannedEvent;
import id.go.kalteng.kim.contracts.activity.ActivityRescheduledEvent;
import id.go.kalteng.kim.contracts.activity.ActivityUpdatedEvent;
import id.go.kalteng.kim.support.messaging.EventDispatcher;
import id.go.kalteng.kim.support.messaging.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/**
 * The handlers of activity-service's own {@code kim.activity.events} (group
 * {@code activity-service-notices}): a planned activity invites the members of its ACTIVE
 * groups and schedules its reminders, a revision (reschedule) tells them again and
 * schedules the new revision's reminders, a cancellation before the start tells them it
 * is off. Each reads the activity as it is now by {@code _id}; nothing goes out for an
 * activity that is cancelled or has begun (back-filled ones included).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NoticeProperties.class)
class ActivityNoticeHandlers {

	private final MemberNotices notices;

	private final ReminderSchedule reminders;

	private final NoticeProperties properties;

	private final MongoTemplate mongo;

	private final Clock clock;

	ActivityNoticeHandlers(MemberNotices notices, ReminderSchedule reminders, NoticeProperties properties,
			MongoTemplate mongo, Clock clock) {
		this.notices = notices;
		this.reminders = reminders;
		this.properties = properties;
		this.mongo = mongo;
		this.clock = clock;
	}

	@Bean
	Consumer<Message<byte[]>> notifyMembers(ProcessedEvents processed, JsonMapper json, MeterRegistry meters) {
		EventDispatcher dispatcher = EventDispatcher.builder("activity-notices", processed, json, meters)
			.on(ActivityPlannedEvent.class, (event) -> invite(event.activityId()))
			.on(ActivityUpdatedEvent.class, (event) -> invite(event.activityId()))
			.on(ActivityRescheduledEvent.class, this::onRescheduled)
			.on(ActivityCancelledEvent.class, this::onCancelled)
			.build();
		return dispatcher::dispatch;
	}

	/**
	 * Invites every member not invited yet: members already invited get the same
	 * notification ids again, which notification-service keeps once, so a group added by
	 * an update has its members invited and nobody twice.
	 */
	void invite(String activityId) {
		Activity activity = load(activityId);
		Instant now = this.clock.instant();
		if (activity == null || !activity.isUpcoming(now)) {
			return;
		}
		scheduleReminders(activity, now);
		this.notices.tell(activity, NoticeKind.INVITATION, 0);
	}

	void onRescheduled(ActivityRescheduledEvent event) {
		Activity activity = load(event.activityId());
		Instant now = this.clock.instant();
		if (activity == null || !activity.isUpcoming(now) || activity.getRevision() != event.revision()) {
			return;
		}
		scheduleReminders(activity, now);
		this.notices.tell(activity, NoticeKind.RESCHEDULED, event.revision());
	}

	void onCancelled(ActivityCancelledEvent event) {
		Activity activity = load(event.activityId());
		if (activity == null || activity.getStatus() != ActivityStatus.CANCELLED
				|| !event.cancelledAt().isBefore(activity.getDetails().startsAt())
				|| !this.clock.instant().isBefore(activity.getDetails().startsAt())) {
			return;
		}
		this.notices.tell(activity, NoticeKind.CANCELLED, 0);
	}

	private void scheduleReminders(Activity activity, Instant now) {
		this.reminders.schedule(activity.getId(), activity.getRevision(),
				ReminderTimes.of(activity.getDetails().startsAt(), now, this.properties));
	}

	private Activity load(String id) {
		return this.mongo.findById(id, Activity.class);
	}

}
