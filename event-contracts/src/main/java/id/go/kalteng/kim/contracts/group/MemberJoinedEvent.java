package id.go.kalteng.kim.contracts.group;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/**
 * A member joined a group. Carries everything a recipient projection needs (phone,
 * dimensions, consent, the group's setting and status) so no consumer calls back; the
 * member's name stays in group-service (data minimisation, UU PDP).
 */
@EventType(value = MemberJoinedEvent.TYPE, topic = Topics.GROUP_EVENTS)
public record MemberJoinedEvent(String groupId, String memberId, String kabupaten, String setting, String groupStatus,
		String phone, String gender, String ageGroup, String occupation, String role, boolean whatsapp,
		ChannelConsent consent, String language, Instant joinedAt) implements GroupEvent {

	public static final String TYPE = "kim.group.member-joined.v1";

}
