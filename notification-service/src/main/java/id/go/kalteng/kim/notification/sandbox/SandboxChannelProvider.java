package id.go.kalteng.kim.notification.sandbox;

import java.time.Clock;
import java.util.Set;

import id.go.kalteng.kim.notification.delivery.ChannelProvider;
import id.go.kalteng.kim.notification.delivery.ChannelUnreachableException;
import id.go.kalteng.kim.notification.delivery.OutboundMessage;
import id.go.kalteng.kim.notification.delivery.ProviderUnavailableException;
import id.go.kalteng.kim.notification.delivery.SendReceipt;
import id.go.kalteng.kim.notification.tracking.Channel;

/**
 * The local stand-in for a real provider of one channel: stores the message instead of
 * sending it. Idempotent by notification id, so a resend after a crash is safe.
 */
class SandboxChannelProvider implements ChannelProvider {

	private final Channel channel;

	private final SandboxMessages messages;

	private final Set<String> failingPhones;

	private final Clock clock;

	private final SandboxThrottle throttle;

	private final Set<String> notOnWhatsApp;

	/** Null when the sandbox gives no delivery reports (the default). */
	private SandboxDeliveryReports reports;

	SandboxChannelProvider(Channel channel, SandboxMessages messages, Set<String> failingPhones, Clock clock,
			SandboxThrottle throttle) {
		this(channel, messages, failingPhones, clock, throttle, Set.of());
	}

	SandboxChannelProvider(Channel channel, SandboxMessages messages, Set<String> failingPhones, Clock clock,
			SandboxThrottle throttle, Set<String> notOnWhatsApp) {
		this.notOnWhatsApp = Set.copyOf(notOnWhatsApp);
		this.channel = channel;
		this.messages = messages;
		this.failingPhones = Set.copyOf(failingPhones);
		this.clock = clock;
		this.throttle = throttle;
	}

	@Override
	public Channel channel() {
		return this.channel;
	}

	@Override
	public String name() {
		return "sandbox";
	}

	@Override
	public boolean idempotentSends() {
		return true;
	}

	/** Makes the sandbox give delivery reports of what it stores. */
	SandboxChannelProvider reportingTo(SandboxDeliveryReports reports) {
		this.reports = reports;
		return this;
	}

	@Override
	public boolean deliveryReports() {
		return this.reports != null;
	}

	@Override
	public boolean reportsByMessageId() {
		// its message ids name the notification ({@code sbx-} + id)
		return false;
	}

	@Override
	public SendReceipt send(OutboundMessage message) {
		this.throttle.take();
		if (this.failingPhones.contains(message.phone())) {
			throw new ProviderUnavailableException("the sandbox simulates an outage for this number");
		}
		if (this.channel == Channel.WHATSAPP && this.notOnWhatsApp.contains(message.phone())) {
			throw new ChannelUnreachableException("whatsapp-undeliverable",
					"the sandbox plays this number as not on WhatsApp (131026)");
		}
		SendReceipt receipt = new SendReceipt(this.messages.store(message, this.clock.instant()));
		if (this.reports != null) {
			this.reports.delivered(message.notificationId());
		}
		return receipt;
	}

}
