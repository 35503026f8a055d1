package id.go.kalteng.kim.activity.planning;

/** The lifecycle of an activity: PLANNED, then COMPLETED or CANCELLED for good. */
public enum ActivityStatus {

	/** Announced; details, invitations and attendance may still change. */
	PLANNED,

	/** Took place; its outcome report and attendance are recorded. */
	COMPLETED,

	/** Called off. */
	CANCELLED

}
