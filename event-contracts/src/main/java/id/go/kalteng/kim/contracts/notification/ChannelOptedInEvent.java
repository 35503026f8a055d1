package id.go.kalteng.kim.contracts.notification;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.contracts.Topics;

/**
 * A phone number that had opted out of a channel opted back in (e.g. replied START /
 * MULAI). Keyed by the number's pseudonymous id ({@code phoneHash}), never the number.
 */
@EventType(value = ChannelOptedInEvent.TYPE, topic = Topics.NOTIFICATION_EVENTS)
public record ChannelOptedInEvent(String phone, String phoneHash, String channel, String reason, String kabupaten,
		Instant optedInAt) implements KimEvent {

	public static final String TYPE = "kim.notification.channel-opted-in.v1";

	@Override
	public String aggregateId() {
		return phoneHash;
	}

}
