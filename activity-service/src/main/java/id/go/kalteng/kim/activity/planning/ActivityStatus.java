package id.go.kalteng.kim.activity.planning;

/**
 * The lifecycle of an activity: PLANNED, RESCHEDULED (time or place changed, any number
 * of times), then COMPLETED or CANCELLED for good.
 */
public enum ActivityStatus {

	/** Announced; details, invitations and attendance may still change. */
	PLANNED,

	/** Its time or place changed after it was announced; still open like PLANNED. */
	RESCHEDULED,

	/** Took place; its outcome report and attendance are recorded. */
	COMPLETED,

	/** Called off. */
	CANCELLED

}
