package id.go.kalteng.kim.contracts.notification;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.contracts.Topics;

/**
 * A command to notification-service: deliver one message to one recipient on one channel.
 * The {@code notificationId} is derived from (source, recipient, channel), so a repeated
 * request is recognised and never sends twice.
 */
@EventType(value = NotificationRequestedEvent.TYPE, topic = Topics.NOTIFICATION_REQUESTS)
public record NotificationRequestedEvent(String notificationId, String sourceType, String sourceId, String kabupaten,
		String memberId, String phone, String channel, String text, String priority,
		Instant requestedAt) implements KimEvent {

	public static final String TYPE = "kim.notification.notification-requested.v1";

	@Override
	public String aggregateId() {
		return notificationId;
	}

}
