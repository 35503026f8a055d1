package id.go.kalteng.kim.contracts.group;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/**
 * A member's details changed; carries the whole current contact and dimensions (no name).
 */
@EventType(value = MemberUpdatedEvent.TYPE, topic = Topics.GROUP_EVENTS)
public record MemberUpdatedEvent(String groupId, String memberId, String kabupaten, String phone, String gender,
		String ageGroup, String occupation, String role, boolean whatsapp, ChannelConsent consent, String language,
		Instant updatedAt) implements GroupEvent {

	public static final String TYPE = "kim.group.member-updated.v1";

}
