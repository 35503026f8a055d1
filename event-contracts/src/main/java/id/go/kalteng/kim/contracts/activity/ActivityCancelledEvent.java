package id.go.kalteng.kim.contracts.activity;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/** A planned activity was called off; it will not take place. */
@EventType(value = ActivityCancelledEvent.TYPE, topic = Topics.ACTIVITY_EVENTS)
public record ActivityCancelledEvent(String activityId, String kabupaten, String reason,
		Instant cancelledAt) implements ActivityEvent {

	public static final String TYPE = "kim.activity.activity-cancelled.v1";

}
