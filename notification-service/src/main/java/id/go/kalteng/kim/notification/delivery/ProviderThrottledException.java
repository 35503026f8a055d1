package id.go.kalteng.kim.notification.delivery;

/**
 * The provider throttled the send (e.g. WhatsApp 130429, an HTTP 429): it did not take
 * the message and says to slow down. The notification waits a little and is tried again;
 * the attempt is not counted and the provider does not count as failing.
 */
public class ProviderThrottledException extends ProviderUnavailableException {

	public ProviderThrottledException(String detail) {
		super(detail);
	}

}
