package id.go.kalteng.kim.contracts.group;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/**
 * A member's channel consent changed (opt-out or opt-in); {@code reason} says why, e.g.
 * STOP reply.
 */
@EventType(value = MemberConsentChangedEvent.TYPE, topic = Topics.GROUP_EVENTS)
public record MemberConsentChangedEvent(String groupId, String memberId, String kabupaten, ChannelConsent consent,
		String reason, Instant changedAt) implements GroupEvent {

	public static final String TYPE = "kim.group.member-consent-changed.v1";

}
