package id.go.kalteng.kim.contracts.group;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.contracts.Topics;

/**
 * A person asked for erasure of their personal data (UU PDP) by phone number: every
 * service forgets every copy of that number it holds, whether the person is still a
 * member, left a group long ago, or only ever received messages. Carries and is keyed by
 * the number's pseudonymous id (the keyed hash every service can compute), never the
 * number itself, so the request does not leave a new copy in Kafka.
 */
@EventType(value = PersonErasedEvent.TYPE, topic = Topics.GROUP_EVENTS)
public record PersonErasedEvent(String phoneHash, Instant erasedAt) implements KimEvent {

	public static final String TYPE = "kim.group.person-erased.v1";

	@Override
	public String aggregateId() {
		return phoneHash;
	}

	/** Concerns the whole province: an erasure has no kabupaten of its own. */
	@Override
	public String kabupaten() {
		return null;
	}

}
