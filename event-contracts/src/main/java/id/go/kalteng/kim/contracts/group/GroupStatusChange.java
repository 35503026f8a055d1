package id.go.kalteng.kim.contracts.group;

/**
 * A group lifecycle event (activated, returned to forming, suspended, reinstated,
 * dissolved): it carries the status the group has after it, so a projection takes that
 * status as it is and never re-derives it.
 */
public sealed interface GroupStatusChange extends GroupEvent permits GroupActivatedEvent, GroupReturnedToFormingEvent,
		GroupSuspendedEvent, GroupReinstatedEvent, GroupDissolvedEvent {

	/** The group's status after the event, e.g. {@code ACTIVE}. */
	String status();

}
