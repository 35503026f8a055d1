package id.go.kalteng.kim.notification.delivery;

/**
 * The channel cannot reach this phone (not on WhatsApp, undeliverable, outside the
 * conversation window with no template left): the notification FAILS on this channel and,
 * where the member consented to another one, a fallback notification carries the message
 * there.
 */
public class ChannelUnreachableException extends MessageRefusedException {

	public ChannelUnreachableException(String reason, String detail) {
		super(reason, detail);
	}

}
