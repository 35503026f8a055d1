package id.go.kalteng.kim.contracts.activity;

import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/**
 * An empowerment activity was planned; {@code kabupaten} is {@code 62} when the province
 * organises it.
 */
@EventType(value = ActivityPlannedEvent.TYPE, topic = Topics.ACTIVITY_EVENTS)
public record ActivityPlannedEvent(String activityId, String kabupaten, String type, String category, String title,
		String organizer, String place, Instant startsAt, Instant endsAt, List<String> invitedGroups, Integer capacity,
		Instant plannedAt) implements ActivityEvent {

	public static final String TYPE = "kim.activity.activity-planned.v1";

}
