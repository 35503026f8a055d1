package id.go.kalteng.kim.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import id.go.kalteng.kim.notification.NotificationProperties;
import id.go.kalteng.kim.notification.erasure.Erasures;
import id.go.kalteng.kim.notification.optout.OptOuts;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationUpdates;
import id.go.kalteng.kim.support.observability.Masking;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * One attempt to send one claimed notification, and what its outcome does to it: SENT,
 * queued again after a backoff, FAILED, or SUPPRESSED when the phone opted out since the
 * request or its member was erased.
 */
@Component
class DeliveryAttempt {

	private static final Logger log = LoggerFactory.getLogger(DeliveryAttempt.class);

	private static final int MAX_ERROR_LENGTH = 300;

	private final NotificationUpdates updates;

	private final OptOuts optOuts;

	private final Erasures erasures;

	private final Clock clock;

	private final NotificationProperties.Delivery settings;

	private final Backoff backoff;

	private final MeterRegistry meters;

	DeliveryAttempt(NotificationUpdates updates, OptOuts optOuts, Erasures erasures, Clock clock,
			NotificationProperties properties, MeterRegistry meters) {
		this.updates = updates;
		this.optOuts = optOuts;
		this.erasures = erasures;
		this.clock = clock;
		this.settings = properties.delivery();
		this.backoff = new Backoff(this.settings);
		this.meters = meters;
	}

	void deliver(Notification claimed, ChannelProvider provider) {
		String id = claimed.getId();
		String phone = Masking.phone(claimed.getPhone());
		if (this.erasures.isErased(claimed)) {
			// erased after the claim (or its request overtook the erasure)
			this.erasures.forgetNotification(id);
			log.info("Notification {} on {} suppressed: its member was erased", id, claimed.getChannel());
			count(provider, "erased");
			return;
		}
		if (this.optOuts.isOptedOut(claimed.getPhone(), claimed.getChannel())) {
			record(id, (n) -> n.suppress(Notification.OPTED_OUT, this.clock.instant()));
			log.info("Notification {} to {} on {} suppressed: opted out", id, phone, claimed.getChannel());
			count(provider, "suppressed");
			return;
		}
		SendReceipt receipt;
		try {
			receipt = provider.send(OutboundMessage.of(claimed));
		}
		catch (MessageRefusedException ex) {
			record(id, (n) -> n.refused(ex.reason(), this.clock.instant()));
			log.warn("Notification {} to {} refused by {}: {}", id, phone, provider.name(), ex.reason());
			count(provider, "refused");
			return;
		}
		catch (RuntimeException ex) {
			Duration wait = this.backoff.after(claimed.getAttempts());
			String error = describe(ex);
			record(id, (n) -> n.sendFailed(claimed.getClaimToken(), error, this.settings.maxAttempts(), wait,
					this.clock.instant()));
			log.warn("Notification {} to {} attempt {} of {} on {} failed ({}); next in {}", id, phone,
					claimed.getAttempts(), this.settings.maxAttempts(), provider.name(), ex.getClass().getSimpleName(),
					wait);
			count(provider, "failed-attempt");
			return;
		}
		record(id, (n) -> n.sent(receipt.providerMessageId(), this.clock.instant()));
		log.info("Notification {} to {} sent on {} via {} (attempt {})", id, phone, claimed.getChannel(),
				provider.name(), claimed.getAttempts());
		count(provider, "sent");
		if (this.erasures.isErased(claimed)) {
			// the erasure came while the provider had it: the copy it may have missed
			this.erasures.forgetNotification(id);
		}
	}

	/**
	 * Saves an outcome; if even the retries fail, the notification stays claimed and its
	 * lease expiry decides (resent by an idempotent provider, FAILED otherwise).
	 */
	private void record(String id, java.util.function.Predicate<Notification> change) {
		try {
			Optional<Notification> result = this.updates.apply(id, change);
			if (result.isEmpty()) {
				log.warn("Notification {} vanished while being sent", id);
			}
		}
		catch (RuntimeException ex) {
			log.error("Could not record the outcome of notification {}; its lease will decide: {}", id, ex.toString());
		}
	}

	private void count(ChannelProvider provider, String outcome) {
		this.meters
			.counter("kim.notifications.attempts", "channel", provider.channel().name(), "provider", provider.name(),
					"outcome", outcome)
			.increment();
	}

	private static String describe(RuntimeException ex) {
		String message = ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
		return (message.length() > MAX_ERROR_LENGTH) ? message.substring(0, MAX_ERROR_LENGTH) : message;
	}

}
