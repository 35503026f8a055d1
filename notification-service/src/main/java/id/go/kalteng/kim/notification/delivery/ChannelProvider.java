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
	 * Whether its delivery reports name messages by the provider's message id, so that
	 * each sent message's id must be remembered ({@link ProviderMessages}); false for a
	 * provider whose ids name the notification themselves (the sandbox).
	 */
	default boolean reportsByMessageId() {
		return true;
	}

	/**
	 * Whether it gives delivery reports (DELIVERED, READ, FAILED after acceptance) for
	 * what it took: when not, a notification's SENT is its last status, published with
	 * {@code terminal} true so that a broadcast can complete.
	 */
	default boolean deliveryReports() {
		return true;
	}

	/**
	 * Whether it sends free text only inside the phone's conversation window (WhatsApp's
	 * 24 hours after the phone's last message), so that a claim round looks the windows
	 * up ({@link OutboundMessage#freeText()}).
	 */
	default boolean usesConversationWindow() {
		return false;
	}

	/**
	 * Sends one message.
	 * @return the provider's receipt, whose message id the notification keeps
	 * @throws MessageRefusedException when the provider refuses it for good (the
	 * notification FAILS); {@link ChannelUnreachableException} when the channel cannot
	 * reach the phone (a fallback on another channel may)
	 * @throws ProviderThrottledException when the provider asks to slow down: tried again
	 * soon, no attempt spent
	 * @throws ProviderUnavailableException when the provider certainly did not take it
	 * (connection refused, an error answer before acceptance): tried again after a
	 * backoff
	 * @throws RuntimeException anything else (a read timeout, a connection broken after
	 * the request went out) means the provider may have taken it: resent only when
	 * {@link #idempotentSends()}
	 */
	SendReceipt send(OutboundMessage message);

}
