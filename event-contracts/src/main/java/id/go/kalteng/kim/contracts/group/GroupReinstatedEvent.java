package id.go.kalteng.kim.contracts.group;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/**
 * A suspended group was reinstated; {@code status} is ACTIVE or FORMING depending on its
 * size.
 */
@EventType(value = GroupReinstatedEvent.TYPE, topic = Topics.GROUP_EVENTS)
public record GroupReinstatedEvent(String groupId, String kabupaten, String status, int memberCount,
		Instant reinstatedAt) implements GroupStatusChange {

	public static final String TYPE = "kim.group.group-reinstated.v1";

}
