package id.go.kalteng.kim.contracts.activity;

import id.go.kalteng.kim.contracts.KimEvent;

/**
 * Events of the activity aggregate (an empowerment activity), published on
 * {@code kim.activity.events} keyed by activity id.
 */
public sealed interface ActivityEvent extends KimEvent permits ActivityPlannedEvent, ActivityUpdatedEvent,
		ActivityRescheduledEvent, ActivityCancelledEvent, ActivityCompletedEvent {

	/** The activity the event belongs to. */
	String activityId();

	@Override
	default String aggregateId() {
		return activityId();
	}

}
