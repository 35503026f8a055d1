package id.go.kalteng.kim.notification.delivery;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent.WhatsAppTemplate;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.Priority;

/**
 * What a provider needs to send one notification.
 *
 * @param whatsappTemplate the approved template the request named (null: the configured
 * default carries the text)
 * @param freeText whether the phone's 24-hour conversation window is open (it wrote to us
 * within it), so that WhatsApp may send the text as it is rather than in a template
 */
public record OutboundMessage(String notificationId, String phone, Channel channel, String text, Priority priority,
		String sourceType, String sourceId, String kabupaten, WhatsAppTemplate whatsappTemplate, boolean freeText) {

	/** A message outside any conversation window, without a template of its own. */
	public OutboundMessage(String notificationId, String phone, Channel channel, String text, Priority priority,
			String sourceType, String sourceId, String kabupaten) {
		this(notificationId, phone, channel, text, priority, sourceType, sourceId, kabupaten, null, false);
	}

	static OutboundMessage of(Notification notification, boolean freeText) {
		return new OutboundMessage(notification.getId(), notification.getPhone(), notification.getChannel(),
				notification.getText(), notification.getPriority(), notification.getSourceType(),
				notification.getSourceId(), notification.getKabupaten(), notification.getWhatsappTemplate(), freeText);
	}

}
