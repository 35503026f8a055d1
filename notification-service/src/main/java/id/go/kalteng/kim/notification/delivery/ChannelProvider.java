package id.go.kalteng.kim.notification.delivery;

import id.go.kalteng.kim.notification.tracking.Channel;

/**
 * Sends messages of one channel through one provider (WhatsApp Cloud API, an SMS gateway,
 * the local sandbox). The delivery worker owns retries, rate limits, the circuit breaker
 * and statuses; a provider only sends, and says by its exception whether the message may
 * have reached the provider.
 */
public interface ChannelProvider {

	/** The channel this provider sends. */
	Channel channel();

	/** The provider's name as configured, e.g. {@code sandbox}. */
	String name();

	/**
	 * Whether sending the same notification twice delivers it once: the provider takes
	 * {@link OutboundMessage#notificationId()} as its idempotency key (client reference)
	 * and drops a repeat, as the sandbox does. Decides what happens to a send whose
	 * outcome is unknown (a timeout, a crash): resent when true; when false
	 * {@code UNKNOWN} until a delivery report tells, so a provider's reports should name
	 * that key too.
	 */
	boolean idempotentSends();

	/**
	 * Sends one message.
	 * @return the provider's receipt, whose message id the notification keeps
	 * @throws MessageRefusedException when the provider refuses it for good (the
	 * notification FAILS)
	 * @throws ProviderUnavailableException when the provider certainly did not take it
	 * (connection refused, an error answer before acceptance): tried again after a
	 * backoff
	 * @throws RuntimeException anything else (a read timeout, a connection broken after
	 * the request went out) means the provider may have taken it: resent only when
	 * {@link #idempotentSends()}
	 */
	SendReceipt send(OutboundMessage message);

}
