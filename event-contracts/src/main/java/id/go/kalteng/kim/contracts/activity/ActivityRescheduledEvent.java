package id.go.kalteng.kim.contracts.activity;

import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/**
 * A planned activity's time or place changed: invited members are told again, once per
 * revision.
 */
@EventType(value = ActivityRescheduledEvent.TYPE, topic = Topics.ACTIVITY_EVENTS)
public record ActivityRescheduledEvent(String activityId, String kabupaten, String type, String title, String place,
		Instant startsAt, Instant endsAt, List<String> invitedGroups, int revision, String previousPlace,
		Instant previousStartsAt, Instant rescheduledAt) implements ActivityEvent {

	public static final String TYPE = "kim.activity.activity-rescheduled.v1";

}
