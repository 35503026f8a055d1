package id.go.kalteng.kim.contracts.group;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/**
 * A group reached its minimum number of members (or was reinstated) and now takes
 * broadcasts.
 */
@EventType(value = GroupActivatedEvent.TYPE, topic = Topics.GROUP_EVENTS)
public record GroupActivatedEvent(String groupId, String kabupaten, int memberCount, Instant activatedAt,
		String status) implements GroupStatusChange {

	public static final String TYPE = "kim.group.group-activated.v1";

	/** The group's status after the event: always ACTIVE. */
	public static final String STATUS = "ACTIVE";

	/**
	 * Always carries the resulting status, also when read from an older record without
	 * it.
	 */
	public GroupActivatedEvent {
		status = STATUS;
	}

	public GroupActivatedEvent(String groupId, String kabupaten, int memberCount, Instant activatedAt) {
		this(groupId, kabupaten, memberCount, activatedAt, STATUS);
	}

}
