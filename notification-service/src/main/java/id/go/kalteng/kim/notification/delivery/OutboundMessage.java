package id.go.kalteng.kim.notification.delivery;

import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.Priority;

/** What a provider needs to send one notification. */
public record OutboundMessage(String notificationId, String phone, Channel channel, String text, Priority priority,
		String sourceType, String sourceId, String kabupaten) {

	static OutboundMessage of(Notification notification) {
		return new OutboundMessage(notification.getId(), notification.getPhone(), notification.getChannel(),
				notification.getText(), notification.getPriority(), notification.getSourceType(),
				notification.getSourceId(), notification.getKabupaten());
	}

}
