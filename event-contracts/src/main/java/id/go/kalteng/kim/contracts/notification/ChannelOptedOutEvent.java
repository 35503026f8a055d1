package id.go.kalteng.kim.contracts.notification;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.contracts.Topics;

/**
 * A phone number asked to receive nothing more on a channel (a STOP / BERHENTI reply, or
 * a provider reporting it unsubscribed); group-service records the consent change of
 * every member with that number. Keyed by the phone number so opt-outs and opt-ins of one
 * number stay in order.
 */
@EventType(value = ChannelOptedOutEvent.TYPE, topic = Topics.NOTIFICATION_EVENTS)
public record ChannelOptedOutEvent(String phone, String channel, String reason, String kabupaten,
		Instant optedOutAt) implements KimEvent {

	public static final String TYPE = "kim.notification.channel-opted-out.v1";

	@Override
	public String aggregateId() {
		return phone;
	}

}
