package id.go.kalteng.kim.contracts.notification;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.contracts.Topics;

/**
 * The delivery status of a notification moved forward (QUEUED, SENT, DELIVERED, READ,
 * FAILED, SUPPRESSED); statuses never move backwards.
 */
@EventType(value = NotificationStatusChangedEvent.TYPE, topic = Topics.NOTIFICATION_EVENTS)
public record NotificationStatusChangedEvent(String notificationId, String sourceType, String sourceId,
		String kabupaten, String channel, String status, String previousStatus, String reason,
		Instant changedAt) implements KimEvent {

	public static final String TYPE = "kim.notification.notification-status-changed.v1";

	@Override
	public String aggregateId() {
		return notificationId;
	}

}
