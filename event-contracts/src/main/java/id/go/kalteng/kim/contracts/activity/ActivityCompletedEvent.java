package id.go.kalteng.kim.contracts.activity;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/**
 * An activity took place; carries its attendance counts (per member where a list was
 * kept) and the outcome report.
 */
@EventType(value = ActivityCompletedEvent.TYPE, topic = Topics.ACTIVITY_EVENTS)
public record ActivityCompletedEvent(String activityId, String kabupaten, int attendees, String outcome,
		Integer invited, Integer present, Integer absent, Integer followUps,
		Instant completedAt) implements ActivityEvent {

	public static final String TYPE = "kim.activity.activity-completed.v1";

}
