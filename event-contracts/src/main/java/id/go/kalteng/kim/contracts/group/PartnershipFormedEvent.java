package id.go.kalteng.kim.contracts.group;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/**
 * A group opened a partnership (kemitraan) with a dinas: which agency, since when, on
 * what.
 */
@EventType(value = PartnershipFormedEvent.TYPE, topic = Topics.GROUP_EVENTS)
public record PartnershipFormedEvent(String groupId, String partnershipId, String kabupaten, String agency,
		String scope, String since, Instant formedAt) implements GroupEvent {

	public static final String TYPE = "kim.group.partnership-formed.v1";

}
