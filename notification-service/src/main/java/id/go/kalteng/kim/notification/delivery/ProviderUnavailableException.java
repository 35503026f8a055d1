package id.go.kalteng.kim.notification.delivery;

/**
 * The provider certainly did not take the message, for a reason that may pass (connection
 * refused, rate limited, down for maintenance): the worker queues the notification again
 * after a backoff. Not for timeouts after the request went out: the provider may have
 * taken that message.
 */
public class ProviderUnavailableException extends RuntimeException {

	public ProviderUnavailableException(String detail) {
		super(detail);
	}

	public ProviderUnavailableException(String detail, Throwable cause) {
		super(detail, cause);
	}

}
