package id.go.kalteng.kim.notification.delivery;

/**
 * A send failed in a way that may pass (timeout, rate limit, outage): the worker queues
 * the notification again after a backoff.
 */
public class ProviderUnavailableException extends RuntimeException {

	public ProviderUnavailableException(String detail) {
		super(detail);
	}

	public ProviderUnavailableException(String detail, Throwable cause) {
		super(detail, cause);
	}

}
