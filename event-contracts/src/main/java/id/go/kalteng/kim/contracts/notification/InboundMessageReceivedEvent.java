package id.go.kalteng.kim.contracts.notification;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.contracts.Topics;

/**
 * A phone sent a text that is no opt-out keyword: a community reply, for
 * dissemination-service. Keyed by the number's pseudonymous id ({@code phoneHash}); the
 * number itself is not in the event.
 */
@EventType(value = InboundMessageReceivedEvent.TYPE, topic = Topics.NOTIFICATION_EVENTS)
public record InboundMessageReceivedEvent(String messageId, String phoneHash, String channel, String text,
		String kabupaten, Instant receivedAt) implements KimEvent {

	public static final String TYPE = "kim.notification.inbound-message-received.v1";

	@Override
	public String aggregateId() {
		return phoneHash;
	}

}
