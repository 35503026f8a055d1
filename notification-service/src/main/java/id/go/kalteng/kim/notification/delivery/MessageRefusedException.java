package id.go.kalteng.kim.notification.delivery;

/**
 * A provider refused a message for good (invalid number, blocked content): trying again
 * would not help, so the notification FAILS with the given reason at once.
 */
public class MessageRefusedException extends RuntimeException {

	private final String reason;

	public MessageRefusedException(String reason, String detail) {
		super(detail);
		this.reason = reason;
	}

	/** A short reason code, published in the FAILED status event. */
	public String reason() {
		return this.reason;
	}

}
