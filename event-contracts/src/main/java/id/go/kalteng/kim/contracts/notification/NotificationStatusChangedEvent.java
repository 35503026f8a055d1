package id.go.kalteng.kim.contracts.notification;

import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.contracts.Topics;

/**
 * The delivery status of a notification moved forward (QUEUED, SENT, DELIVERED, READ,
 * FAILED, SUPPRESSED, CANCELLED, EXPIRED); statuses never move backwards.
 *
 * @param fallbackOf on every status of a fallback notification: the notification it
 * replaces (the person is counted once, by that one)
 * @param fallbackNotificationId on the FAILED status of a notification a fallback
 * replaces: its fallback, whose statuses are the person's outcome
 * @param terminal whether this is the notification's final status: true for DELIVERED,
 * READ, SUPPRESSED, CANCELLED, EXPIRED, FAILED, and for SENT through a provider or
 * channel that gives no delivery reports; false when a later status is still expected.
 * Absent (null) on events of earlier versions: read it then with {@link #isTerminal()}
 */
@EventType(value = NotificationStatusChangedEvent.TYPE, topic = Topics.NOTIFICATION_EVENTS)
public record NotificationStatusChangedEvent(String notificationId, String sourceType, String sourceId,
		String kabupaten, String channel, String status, String previousStatus, String reason, Instant changedAt,
		String fallbackOf, String fallbackNotificationId, Boolean terminal) implements KimEvent {

	public static final String TYPE = "kim.notification.notification-status-changed.v1";

	/** The statuses after which nothing follows, whatever the provider. */
	public static final List<String> FINAL_STATUSES = List.of("DELIVERED", "READ", "FAILED", "SUPPRESSED", "CANCELLED",
			"EXPIRED");

	/** A status change whose finality follows from its status alone. */
	public NotificationStatusChangedEvent(String notificationId, String sourceType, String sourceId, String kabupaten,
			String channel, String status, String previousStatus, String reason, Instant changedAt, String fallbackOf,
			String fallbackNotificationId) {
		this(notificationId, sourceType, sourceId, kabupaten, channel, status, previousStatus, reason, changedAt,
				fallbackOf, fallbackNotificationId, null);
	}

	/**
	 * Whether no later status is expected: {@link #terminal()} when set, else whether the
	 * status is one of {@link #FINAL_STATUSES}.
	 * @return true when this status is the notification's last
	 */
	public boolean isTerminal() {
		return (this.terminal != null) ? this.terminal : FINAL_STATUSES.contains(this.status);
	}

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
