package id.go.kalteng.kim.contracts.activity;

import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/** A planned activity's details changed; carries the whole current description. */
@EventType(value = ActivityUpdatedEvent.TYPE, topic = Topics.ACTIVITY_EVENTS)
public record ActivityUpdatedEvent(String activityId, String kabupaten, String type, String category, String title,
		String organizer, String place, Instant startsAt, Instant endsAt, List<String> invitedGroups, Integer capacity,
		Instant updatedAt) implements ActivityEvent {

	public static final String TYPE = "kim.activity.activity-updated.v1";

}
