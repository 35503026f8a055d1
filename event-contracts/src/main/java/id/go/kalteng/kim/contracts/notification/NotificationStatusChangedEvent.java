package id.go.kalteng.kim.contracts.notification;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.contracts.Topics;

/**
 * The delivery status of a notification moved forward (QUEUED, SENT, DELIVERED, READ,
 * FAILED, SUPPRESSED); statuses never move backwards.
 *
 * @param fallbackOf on every status of a fallback notification: the notification it
 * replaces (the person is counted once, by that one)
 * @param fallbackNotificationId on the FAILED status of a notification a fallback
 * replaces: its fallback, whose statuses are the person's outcome
 */
@EventType(value = NotificationStatusChangedEvent.TYPE, topic = Topics.NOTIFICATION_EVENTS)
public record NotificationStatusChangedEvent(String notificationId, String sourceType, String sourceId,
		String kabupaten, String channel, String status, String previousStatus, String reason, Instant changedAt,
		String fallbackOf, String fallbackNotificationId) implements KimEvent {

	public static final String TYPE = "kim.notification.notification-status-changed.v1";

	/** A status change of a notification that neither is nor has a fallback. */
	public NotificationStatusChangedEvent(String notificationId, String sourceType, String sourceId, String kabupaten,
			String channel, String status, String previousStatus, String reason, Instant changedAt) {
		this(notificationId, sourceType, sourceId, kabupaten, channel, status, previousStatus, reason, changedAt, null,
				null);
	}

	@Override
	public String aggregateId() {
		return notificationId;
	}

}
