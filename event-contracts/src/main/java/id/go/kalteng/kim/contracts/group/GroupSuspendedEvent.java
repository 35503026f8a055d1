package id.go.kalteng.kim.contracts.group;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/** An operator suspended a group; it takes no broadcasts until reinstated. */
@EventType(value = GroupSuspendedEvent.TYPE, topic = Topics.GROUP_EVENTS)
public record GroupSuspendedEvent(String groupId, String kabupaten, String reason, Instant suspendedAt,
		String status) implements GroupStatusChange {

	public static final String TYPE = "kim.group.group-suspended.v1";

	/** The group's status after the event: always SUSPENDED. */
	public static final String STATUS = "SUSPENDED";

	/**
	 * Always carries the resulting status, also when read from an older record without
	 * it.
	 */
	public GroupSuspendedEvent {
		status = STATUS;
	}

	public GroupSuspendedEvent(String groupId, String kabupaten, String reason, Instant suspendedAt) {
		this(groupId, kabupaten, reason, suspendedAt, STATUS);
	}

}
