package id.go.kalteng.kim.activity.invitation;

/** What a message to a member about an activity is; part of its notification id. */
enum NoticeKind {

	/** The activity was planned (or the member's group newly invited). */
	INVITATION,

	/** Its time or place changed. */
	RESCHEDULED,

	/** It was called off. */
	CANCELLED,

	/** The day before, at 08:00 WIB. */
	REMINDER_DAY_BEFORE,

	/** Two hours before it starts. */
	REMINDER_TWO_HOURS

}
