package id.go.kalteng.kim.contracts.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.contracts.Topics;

/**
 * A command to notification-service: deliver one message to one recipient on one channel.
 * The {@code notificationId} is derived from (source, recipient, channel), so a repeated
 * request is recognised and never sends twice.
 *
 * @param whatsappTemplate the approved WhatsApp template a broadcast names (optional;
 * without it the configured default template carries the text)
 * @param fallbackChannels channels the member consented to that may carry the message
 * when this channel cannot reach the phone (optional; e.g. {@code [SMS]} for WhatsApp)
 * @param expiresAt a message not yet handed to a provider by then is not sent: it ends
 * EXPIRED (optional; a broadcast's {@code expiresAt})
 */
@EventType(value = NotificationRequestedEvent.TYPE, topic = Topics.NOTIFICATION_REQUESTS)
public record NotificationRequestedEvent(String notificationId, String sourceType, String sourceId, String kabupaten,
		String memberId, String phone, String channel, String text, String priority, Instant requestedAt,
		WhatsAppTemplate whatsappTemplate, List<String> fallbackChannels, Instant expiresAt) implements KimEvent {

	public static final String TYPE = "kim.notification.notification-requested.v1";

	/**
	 * The CloudEvents id of the request for a notification, derived from its id: work
	 * that publishes requests straight to Kafka and is redone whole (a fan-out, an
	 * activity's notices) publishes the same event again, not a new one.
	 * @param notificationId the notification the request is for
	 * @return a name-based UUID
	 */
	public static String eventIdFor(String notificationId) {
		return UUID.nameUUIDFromBytes(("requested|" + notificationId).getBytes(StandardCharsets.UTF_8)).toString();
	}

	/**
	 * The topic a request of this priority goes to: URGENT requests have their own, so
	 * they overtake a backlog of NORMAL ones.
	 * @param priority {@code NORMAL} or {@code URGENT}
	 * @return {@link Topics#NOTIFICATION_URGENT_REQUESTS} for URGENT, else
	 * {@link Topics#NOTIFICATION_REQUESTS}
	 */
	public static String topicFor(String priority) {
		return "URGENT".equals(priority) ? Topics.NOTIFICATION_URGENT_REQUESTS : Topics.NOTIFICATION_REQUESTS;
	}

	/** A request without expiry. */
	public NotificationRequestedEvent(String notificationId, String sourceType, String sourceId, String kabupaten,
			String memberId, String phone, String channel, String text, String priority, Instant requestedAt,
			WhatsAppTemplate whatsappTemplate, List<String> fallbackChannels) {
		this(notificationId, sourceType, sourceId, kabupaten, memberId, phone, channel, text, priority, requestedAt,
				whatsappTemplate, fallbackChannels, null);
	}

	/** A request without template, without fallback and without expiry. */
	public NotificationRequestedEvent(String notificationId, String sourceType, String sourceId, String kabupaten,
			String memberId, String phone, String channel, String text, String priority, Instant requestedAt) {
		this(notificationId, sourceType, sourceId, kabupaten, memberId, phone, channel, text, priority, requestedAt,
				null, null, null);
	}

	/**
	 * An approved WhatsApp template and the values of its body variables.
	 *
	 * @param name the template's name
	 * @param language its language code, e.g. {@code id}
	 * @param variables the body variables {@code {{1}}, {{2}} ...} in order
	 */
	public record WhatsAppTemplate(String name, String language, List<String> variables) {

	}

	@Override
	public String aggregateId() {
		return notificationId;
	}

}
