package id.go.kalteng.kim.contracts.group;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/** A member left (or was removed from) a group; projections drop the membership. */
@EventType(value = MemberLeftEvent.TYPE, topic = Topics.GROUP_EVENTS)
public record MemberLeftEvent(String groupId, String memberId, String kabupaten, String groupStatus,
		Instant leftAt) implements GroupEvent {

	public static final String TYPE = "kim.group.member-left.v1";

}
