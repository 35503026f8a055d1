package id.go.kalteng.kim.notification.delivery;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import id.go.kalteng.kim.notification.erasure.Erasures;
import id.go.kalteng.kim.notification.optout.OptOuts;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.support.observability.Masking;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * One attempt to send one claimed notification, and what its outcome does to it: SENT;
 * queued again after a backoff when the provider did not take it; resent or UNKNOWN when
 * it may have taken it; FAILED when it refused it; SUPPRESSED when the phone opted out
 * since the request or its member was erased. Every outcome is reported to the provider's
 * circuit breaker, whose permission the attempt holds.
 */
@Component
class DeliveryAttempt {

	private static final Logger log = LoggerFactory.getLogger(DeliveryAttempt.class);

	private static final int MAX_ERROR_LENGTH = 300;

	private final AggregateStore store;

	private final NotificationQueue queue;

	private final OptOuts optOuts;

	private final Erasures erasures;

	private final Clock clock;

	private final NotificationProperties.Delivery settings;

	private final Backoff backoff;

	private final MeterRegistry meters;

	DeliveryAttempt(AggregateStore store, NotificationQueue queue, OptOuts optOuts, Erasures erasures, Clock clock,
			NotificationProperties properties, MeterRegistry meters) {
		this.store = store;
		this.queue = queue;
		this.optOuts = optOuts;
		this.erasures = erasures;
		this.clock = clock;
		this.settings = properties.delivery();
		this.backoff = new Backoff(this.settings);
		this.meters = meters;
	}

	/**
	 * Sends a claimed notification unless it must not go out any more.
	 * @param breaker the provider's breaker, whose permission the caller acquired
	 */
	void deliver(Notification claimed, ChannelProvider provider, CircuitBreaker breaker) {
		boolean mayBeSent;
		try {
			mayBeSent = mayStillBeSent(claimed, provider);
		}
		catch (RuntimeException ex) {
			// the send never started: give the claim back rather than let its lease
			// expire as if the provider might have had it
			breaker.releasePermission();
			giveBack(claimed, ex);
			return;
		}
		if (mayBeSent) {
			send(claimed, provider, breaker);
		}
		else {
			breaker.releasePermission();
		}
	}

	private void giveBack(Notification claimed, RuntimeException cause) {
		try {
			this.queue.release(claimed, this.clock.instant());
			log.warn("Notification {} given back unsent: its send-time checks failed: {}", claimed.getId(),
					cause.toString());
		}
		catch (RuntimeException ex) {
			log.error("Notification {} could not be checked nor given back; its lease will decide: {}", claimed.getId(),
					ex.toString());
		}
	}

	/** The checks at send time: an erasure or an opt-out since the request still wins. */
	private boolean mayStillBeSent(Notification claimed, ChannelProvider provider) {
		String id = claimed.getId();
		if (claimed.isErased() || this.erasures.isErased(claimed)) {
			// erased after the claim (or its request overtook the erasure)
			this.erasures.forgetNotification(id);
			log.info("Notification {} on {} suppressed: its member was erased", id, claimed.getChannel());
			count(provider, "erased");
			return false;
		}
		if (this.optOuts.isOptedOut(claimed.getPhone(), claimed.getChannel())) {
			record(id, (n) -> n.suppress(Notification.OPTED_OUT, this.clock.instant()));
			log.info("Notification {} to {} on {} suppressed: opted out", id, Masking.phone(claimed.getPhone()),
					claimed.getChannel());
			count(provider, "suppressed");
			return false;
		}
		return true;
	}

	private void send(Notification claimed, ChannelProvider provider, CircuitBreaker breaker) {
		String id = claimed.getId();
		String phone = Masking.phone(claimed.getPhone());
		long start = System.nanoTime();
		SendReceipt receipt;
		try {
			receipt = provider.send(OutboundMessage.of(claimed));
		}
		catch (MessageRefusedException ex) {
			// the provider answered: it works, the message is what it will not take
			breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			record(id, (n) -> n.refused(ex.reason(), this.clock.instant()));
			log.warn("Notification {} to {} refused by {}: {}", id, phone, provider.name(), ex.reason());
			count(provider, "refused");
			return;
		}
		catch (ProviderUnavailableException ex) {
			breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
			Notification.RetryPlan plan = retryPlan(claimed, breaker);
			record(id, (n) -> n.sendFailed(claimed.getClaimToken(), describe(ex), plan, this.clock.instant()));
			log.warn("Notification {} to {} attempt {} of {} on {} not taken ({}); next in {}{}", id, phone,
					claimed.getAttempts(), this.settings.maxAttempts(), provider.name(), ex.getClass().getSimpleName(),
					plan.backoff(), plan.attemptCounts() ? "" : " (provider down: attempt not counted)");
			count(provider, "failed-attempt");
			return;
		}
		catch (RuntimeException ex) {
			// a timeout, a broken connection, an unexpected answer: the provider may have
			// taken the message
			breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
			Notification.RetryPlan plan = retryPlan(claimed, breaker);
			boolean resendSafe = provider.idempotentSends();
			record(id, (n) -> n.outcomeUnknown(claimed.getClaimToken(), describe(ex), resendSafe, plan,
					this.clock.instant()));
			log.warn("Notification {} to {} attempt {} on {}: outcome unknown ({}); {}", id, phone,
					claimed.getAttempts(), provider.name(), ex.getClass().getSimpleName(),
					resendSafe ? "resent in " + plan.backoff() : "not resent, waiting for a delivery report");
			count(provider, "unknown");
			return;
		}
		breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
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
	 * What a failed attempt leads to. It counts unless the provider is down: once its
	 * breaker is no longer closed (this failure opened it, or it was open or probing),
	 * the failure says nothing about the message, so the attempt is given back.
	 */
	private Notification.RetryPlan retryPlan(Notification claimed, CircuitBreaker breaker) {
		boolean providerDown = breaker.getState() != CircuitBreaker.State.CLOSED;
		return new Notification.RetryPlan(this.settings.maxAttempts(), this.backoff.after(claimed.getAttempts()),
				!providerDown);
	}

	/**
	 * Saves an outcome, again when it lost a race (a delivery report) or the database
	 * blipped: the message may be out, and a lost SENT would leave the notification
	 * claimed until its lease runs out. If even the retries fail, its lease expiry
	 * decides (resent by an idempotent provider, UNKNOWN otherwise).
	 */
	private void record(String id, Predicate<Notification> change) {
		try {
			boolean[] found = { false };
			this.store.outlastingOutages(() -> this.store.changeIfPresent(id, Notification.class, (n) -> {
				found[0] = true;
				return change.test(n);
			}));
			if (!found[0]) {
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
