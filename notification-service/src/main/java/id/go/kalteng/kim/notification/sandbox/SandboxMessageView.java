package id.go.kalteng.kim.notification.sandbox;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import id.go.kalteng.kim.notification.tracking.Channel;

/** A sandbox message as {@code GET /api/sandbox/messages} lists it. */
record SandboxMessageView(String id, String phone, Channel channel, String text, OffsetDateTime sentAt,
		String notificationId, String sourceType, String sourceId, String kabupaten) {

	private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

	static SandboxMessageView of(SandboxMessage message) {
		return new SandboxMessageView(message.messageId(), message.phone(), message.channel(), message.text(),
				message.sentAt().atZone(WIB).toOffsetDateTime(), message.notificationId(), message.sourceType(),
				message.sourceId(), message.kabupaten());
	}

}
