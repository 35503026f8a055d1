package id.go.kalteng.kim.contracts.notification;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.contracts.Topics;

/**
 * A phone number asked to receive nothing more on a channel (a STOP / BERHENTI reply, or
 * a provider reporting it unsubscribed); group-service records the consent change of
 * every member with that number. Keyed by the number's pseudonymous id
 * ({@code phoneHash}), never the number, so opt-outs and opt-ins of one number stay in
 * order while no number sits in a Kafka key, {@code ce_subject}, dead letter or log.
 */
@EventType(value = ChannelOptedOutEvent.TYPE, topic = Topics.NOTIFICATION_EVENTS)
public record ChannelOptedOutEvent(String phone, String phoneHash, String channel, String reason, String kabupaten,
		Instant optedOutAt) implements KimEvent {

	public static final String TYPE = "kim.notification.channel-opted-out.v1";

	@Override
	public String aggregateId() {
		return phoneHash;
	}

}
