package id.go.kalteng.kim.contracts.group;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/** A member's personal data was erased (UU PDP): every projection drops the member. */
@EventType(value = MemberErasedEvent.TYPE, topic = Topics.GROUP_EVENTS)
public record MemberErasedEvent(String groupId, String memberId, String kabupaten,
		Instant erasedAt) implements GroupEvent {

	public static final String TYPE = "kim.group.member-erased.v1";

}
