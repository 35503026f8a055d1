package id.go.kalteng.kim.contracts.group;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/**
 * An active group fell below its minimum number of members and takes no broadcasts as a
 * group until it grows again.
 */
@EventType(value = GroupReturnedToFormingEvent.TYPE, topic = Topics.GROUP_EVENTS)
public record GroupReturnedToFormingEvent(String groupId, String kabupaten, int memberCount, Instant returnedAt,
		String status) implements GroupStatusChange {

	public static final String TYPE = "kim.group.group-returned-to-forming.v1";

	/** The group's status after the event: always FORMING. */
	public static final String STATUS = "FORMING";

	/**
	 * Always carries the resulting status, also when read from an older record without
	 * it.
	 */
	public GroupReturnedToFormingEvent {
		status = STATUS;
	}

	public GroupReturnedToFormingEvent(String groupId, String kabupaten, int memberCount, Instant returnedAt) {
		this(groupId, kabupaten, memberCount, returnedAt, STATUS);
	}

}
