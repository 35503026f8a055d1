package id.go.kalteng.kim.notification.delivery;

import id.go.kalteng.kim.notification.tracking.Channel;

/**
 * Sends messages of one channel through one provider (WhatsApp Cloud API, an SMS gateway,
 * the local sandbox). The delivery worker owns retries, rate limits and statuses; a
 * provider only sends.
 */
public interface ChannelProvider {

	/** The channel this provider sends. */
	Channel channel();

	/** The provider's name as configured, e.g. {@code sandbox}. */
	String name();

	/**
	 * Whether sending the same notification twice delivers it once (the provider
	 * deduplicates by notification id). Decides what happens to a send that a crash
	 * interrupted: resent when true, FAILED with {@code unknown-outcome} when false.
	 */
	boolean idempotentSends();

	/**
	 * Sends one message.
	 * @return the provider's receipt
	 * @throws MessageRefusedException when the provider refuses it for good
	 * @throws RuntimeException for anything that may pass (timeouts, rate limits,
	 * outages): the worker tries again later
	 */
	SendReceipt send(OutboundMessage message);

}
