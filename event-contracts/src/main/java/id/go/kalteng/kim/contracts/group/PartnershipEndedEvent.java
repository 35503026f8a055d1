package id.go.kalteng.kim.contracts.group;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/** A group's partnership with a dinas ended. */
@EventType(value = PartnershipEndedEvent.TYPE, topic = Topics.GROUP_EVENTS)
public record PartnershipEndedEvent(String groupId, String partnershipId, String kabupaten, String until, String reason,
		Instant endedAt) implements GroupEvent {

	public static final String TYPE = "kim.group.partnership-ended.v1";

}
