package id.go.kalteng.kim.contracts.group;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/**
 * A group was dissolved for good; its members no longer receive broadcasts through it.
 */
@EventType(value = GroupDissolvedEvent.TYPE, topic = Topics.GROUP_EVENTS)
public record GroupDissolvedEvent(String groupId, String kabupaten, String reason, Instant dissolvedAt,
		String status) implements GroupStatusChange {

	public static final String TYPE = "kim.group.group-dissolved.v1";

	/** The group's status after the event: always DISSOLVED. */
	public static final String STATUS = "DISSOLVED";

	/**
	 * Always carries the resulting status, also when read from an older record without
	 * it.
	 */
	public GroupDissolvedEvent {
		status = STATUS;
	}

	public GroupDissolvedEvent(String groupId, String kabupaten, String reason, Instant dissolvedAt) {
		this(groupId, kabupaten, reason, dissolvedAt, STATUS);
	}

}
