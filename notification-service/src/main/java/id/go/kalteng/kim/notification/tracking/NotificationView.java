package id.go.kalteng.kim.notification.tracking;

import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * A notification as {@code GET /api/notifications} lists it; {@code phone} is null and
 * {@code erased} true once its member's personal data was erased.
 */
public record NotificationView(String id, String sourceType, String sourceId, String kabupaten, String phone,
		Channel channel, Priority priority, NotificationStatus status, String reason, int attempts,
		String providerMessageId, OffsetDateTime requestedAt, OffsetDateTime updatedAt, boolean erased) {

	private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

	static NotificationView of(Notification notification) {
		return new NotificationView(notification.getId(), notification.getSourceType(), notification.getSourceId(),
				notification.getKabupaten(), notification.getPhone(), notification.getChannel(),
				notification.getPriority(), notification.getStatus(), notification.getReason(),
				notification.getAttempts(), notification.getProviderMessageId(), wib(notification.getRequestedAt()),
				wib(notification.getUpdatedAt()), notification.isErased());
	}

	private static OffsetDateTime wib(java.time.Instant instant) {
		return (instant != null) ? instant.atZone(WIB).toOffsetDateTime() : null;
	}

}
