package id.go.kalteng.kim.notification.sandbox;

import java.time.Instant;
import java.util.Optional;

import id.go.kalteng.kim.notification.tracking.Channel;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What a phone would have received, kept instead of being sent. Its id is the
 * notification's, so sending a notification again stores nothing new; the phone hash lets
 * a person's erasure find every message to the number.
 */
@Document(SandboxMessage.COLLECTION)
record SandboxMessage(@Id String notificationId, String messageId, String phone, String phoneHash, Channel channel,
		String text, Instant sentAt, String sourceType, String sourceId, String kabupaten) {

	static final String COLLECTION = "sandbox_messages";

	private static final String PREFIX = "sbx-";

	/** The sandbox's message id of a notification: the same however often it is sent. */
	static String messageIdOf(String notificationId) {
		return PREFIX + notificationId;
	}

	/** The notification id a sandbox message id names, if it is one. */
	static Optional<String> notificationIdOf(String messageId) {
		return (messageId != null && messageId.startsWith(PREFIX) && messageId.length() > PREFIX.length())
				? Optional.of(messageId.substring(PREFIX.length())) : Optional.empty();
	}

}
