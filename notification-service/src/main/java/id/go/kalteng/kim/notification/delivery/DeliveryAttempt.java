package id.go.kalteng.kim.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import id.go.kalteng.kim.notification.cancellation.UnsentEndings;
import id.go.kalteng.kim.notification.erasure.Erasures;
import id.go.kalteng.kim.notification.optout.ConversationWindows;
import id.go.kalteng.kim.notification.optout.OptOuts;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.observability.Masking;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * One attempt to send one claimed notification, and what its outcome does to it: SENT;
 * queued again after a backoff when the provider did not take it; resent or UNKNOWN when
 * it may have taken it; FAILED when it refused it; SUPPRESSED when the phone opted out
 * since the request or its member was erased. Every outcome is reported to the provider's
 * circuit breaker, whose permission the attempt holds.
 */
@Component
class DeliveryAttempt implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DeliveryAttempt.class);

	private static final int MAX_ERROR_LENGTH = 300;

	/** Two lanes, each with up to three look-ups beside the one on its own thread. */
	private static final int LOOK_UP_THREADS = 6;

	private final AggregateStore store;

	private final NotificationQueue queue;

	private final OptOuts optOuts;

	private final Erasures erasures;

	private final Clock clock;

	private final NotificationProperties.Delivery settings;

	private final Backoff backoff;

	private final MeterRegistry meters;

	private final PhonePseudonyms pseudonyms;

	private final ConversationWindows windows;

	private final ProviderMessages providerMessages;

	private final QueuedNotifications queued;

	private final Duration throttledWait;

	private final UnsentEndings endings;

	/** Runs a claim round's send-time look-ups side by side (daemon threads). */
	private final ExecutorService lookUps = Executors.newFixedThreadPool(LOOK_UP_THREADS, (task) -> {
		Thread thread = new Thread(task, "send-checks");
		thread.setDaemon(true);
		return thread;
	});

	DeliveryAttempt(AggregateStore store, NotificationQueue queue, OptOuts optOuts, Erasures erasures, Clock clock,
			NotificationProperties properties, MeterRegistry meters, PhonePseudonyms pseudonyms,
			ConversationWindows windows, ProviderMessages providerMessages, QueuedNotifications queued,
			UnsentEndings endings) {
		this.endings = endings;
		this.pseudonyms = pseudonyms;
		this.windows = windows;
		this.providerMessages = providerMessages;
		this.queued = queued;
		this.throttledWait = properties.http().throttledWait();
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
	 * The send-time checks of a claim round, looked up at once by {@code _id $in}: which
	 * of the claimed notifications were erased (member or phone) or opted out since their
	 * request, and (for a provider with conversation windows) whose window is open. The
	 * three or four look-ups go to the database together, not one after the other: the
	 * lane's next round waits for this one, and at 80/s a round's serial round trips were
	 * what kept senders from the pace on a busy database.
	 */
	SendChecks check(List<Notification> claimed, ChannelProvider provider) {
		Map<String, String> keys = new HashMap<>();
		Map<String, String> hashes = new HashMap<>();
		List<String> memberIds = new ArrayList<>(claimed.size());
		List<String> phoneHashes = new ArrayList<>(claimed.size());
		for (Notification n : claimed) {
			memberIds.add(n.getMemberId());
			phoneHashes.add(n.getPhoneHash());
			if (!n.isErased() && n.getPhone() != null) {
				String hash = (n.getPhoneHash() != null) ? n.getPhoneHash() : this.pseudonyms.of(n.getPhone());
				hashes.put(n.getId(), hash);
				if (!n.isConfirmation()) {
					// the confirmation of an opt-out still goes out
					keys.put(n.getId(), OptOuts.key(hash, n.getChannel()));
				}
			}
		}
		CompletableFuture<Set<String>> members = lookUp(() -> this.erasures.erasedMembers(memberIds));
		CompletableFuture<Set<String>> phones = lookUp(() -> this.erasures.erasedPhones(phoneHashes));
		CompletableFuture<Set<String>> windows = (provider.usesConversationWindow() && !hashes.isEmpty())
				? lookUp(() -> this.windows.openAmong(hashes.values())) : CompletableFuture.completedFuture(Set.of());
		Set<String> optedOutKeys = this.optOuts.optedOut(keys.values());
		Set<String> erasedMembers = joined(members);
		Set<String> erasedPhones = joined(phones);
		Set<String> open = joined(windows);
		Set<String> erased = new HashSet<>();
		for (Notification n : claimed) {
			if (n.isErased() || erasedMembers.contains(n.getMemberId()) || erasedPhones.contains(n.getPhoneHash())) {
				erased.add(n.getId());
			}
		}
		Set<String> freeText = new HashSet<>();
		hashes.forEach((id, hash) -> {
			if (!erased.contains(id) && open.contains(hash)) {
				freeText.add(id);
			}
		});
		Set<String> optedOut = new HashSet<>();
		keys.forEach((id, key) -> {
			if (!erased.contains(id) && optedOutKeys.contains(key)) {
				optedOut.add(id);
			}
		});
		return new SendChecks(erased, optedOut, freeText);
	}

	private CompletableFuture<Set<String>> lookUp(Supplier<Set<String>> lookUp) {
		return CompletableFuture.supplyAsync(lookUp, this.lookUps);
	}

	/** The look-up's answer, or its failure as thrown by the look-up itself. */
	private static Set<String> joined(CompletableFuture<Set<String>> lookUp) {
		try {
			return lookUp.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	@Override
	public void destroy() {
		this.lookUps.shutdownNow();
	}

	/**
	 * Sends a claimed notification unless its checks say it must not go out any more.
	 * @param breaker the provider's breaker, whose permission the caller acquired
	 * @param pacer the channel's pace, asked right before the provider gets the message
	 * @return the notification as saved when it is QUEUED again (to be offered to the
	 * ready queue), else empty
	 */
	Optional<Notification> deliver(Notification claimed, SendChecks checks, ChannelProvider provider,
			CircuitBreaker breaker, SendPacer pacer) {
		if (!mayStillBeSent(claimed, checks, provider)) {
			breaker.releasePermission();
			return Optional.empty();
		}
		return send(claimed, checks.freeText().contains(claimed.getId()), provider, breaker, pacer);
	}

	/**
	 * Gives back claims whose send never started (their checks failed, or the worker
	 * stopped): queued again, the attempt not counted.
	 * @return the ready-queue entries of those queued again
	 */
	List<ReadyQueue.Entry> giveBack(List<Notification> claimed, RuntimeException cause) {
		List<ReadyQueue.Entry> released = new ArrayList<>();
		for (Notification n : claimed) {
			try {
				if (this.queue.release(n, this.clock.instant())) {
					released.add(new ReadyQueue.Entry(n.getId(), n.getVersion() + 1, n.getPriority().rank(),
							n.getRequestedAt(), n.getNextAttemptAt(), n.sourceKey()));
				}
				log.warn("Notification {} given back unsent: {}", n.getId(), cause.toString());
			}
			catch (RuntimeException ex) {
				log.error("Notification {} could not be given back; its lease will decide: {}", n.getId(),
						ex.toString());
			}
		}
		return released;
	}

	/** The checks at send time: an erasure or an opt-out since the request still wins. */
	private boolean mayStillBeSent(Notification claimed, SendChecks checks, ChannelProvider provider) {
		String id = claimed.getId();
		if (claimed.isErased() || checks.erased().contains(id)) {
			// erased after the claim (or its request overtook the erasure)
			this.erasures.forgetNotification(id);
			log.info("Notification {} on {} suppressed: its member was erased", id, claimed.getChannel());
			count(provider, "erased");
			return false;
		}
		if (endedUnsent(claimed, provider)) {
			return false;
		}
		if (checks.optedOut().contains(id)) {
			record(claimed, (n) -> n.suppress(Notification.OPTED_OUT, this.clock.instant()));
			log.info("Notification {} to {} on {} suppressed: opted out", id, Masking.phone(claimed.getPhone()),
					claimed.getChannel());
			count(provider, "suppressed");
			return false;
		}
		return true;
	}

	/**
	 * Ends a claimed notification CANCELLED (its source was cancelled) or EXPIRED (its
	 * {@code expiresAt} passed) instead of sending it; asks only what is in memory.
	 * @return whether it was ended (or must not be sent for that reason)
	 */
	private boolean endedUnsent(Notification claimed, ChannelProvider provider) {
		if (!this.endings.isDue(claimed.sourceKey(), claimed.getExpiresAt(), this.clock.instant())) {
			return false;
		}
		Notification saved = record(claimed, (n) -> this.endings.endIfDue(n, this.clock.instant()));
		String status = (saved != null) ? saved.getStatus().name() : "unsaved";
		log.info("Notification {} on {} not sent: {}", claimed.getId(), claimed.getChannel(), status);
		count(provider, (saved != null && saved.getStatus() == NotificationStatus.EXPIRED) ? "expired" : "cancelled");
		return true;
	}

	private Optional<Notification> send(Notification claimed, boolean freeText, ChannelProvider provider,
			CircuitBreaker breaker, SendPacer pacer) {
		String id = claimed.getId();
		String phone = Masking.phone(claimed.getPhone());
		String token = claimed.getClaimToken();
		int attempt = claimed.getAttempts();
		OutboundMessage message = OutboundMessage.of(claimed, freeText);
		pacer.awaitSlot();
		// asked again right before the provider gets it (in memory): a claim may wait
		// for its slot of the pace for seconds, and a cancellation or the expiry
		// meanwhile
		// still wins
		if (endedUnsent(claimed, provider)) {
			breaker.releasePermission();
			return Optional.empty();
		}
		long start = System.nanoTime();
		SendReceipt receipt;
		try {
			receipt = provider.send(message);
		}
		catch (ChannelUnreachableException ex) {
			// the provider works; this channel cannot reach the phone: the fallback (made
			// before the FAILED is saved, so a crash between loses neither; its id
			// derives
			// from this one, so it is made once) carries the message on the next channel
			breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			Optional<Notification> fallback = claimed.fallback(this.clock.instant());
			// a database blip must not lose it: tried again for a few seconds (should it
			// still fail, the claim's lease decides, and the first stays unsettled)
			fallback.ifPresent((f) -> this.store.outlastingOutages(() -> this.queued.add(List.of(f))));
			String fallbackId = fallback.map(Notification::getId).orElse(null);
			record(claimed, (n) -> n.unreachable(ex.reason(), fallbackId, this.clock.instant()));
			log.warn("Notification {} to {} unreachable on {} via {} ({}){}", id, phone, message.channel(),
					provider.name(), ex.reason(),
					fallback.map((f) -> "; falls back to " + f.getChannel() + " as " + f.getId())
						.orElse("; no fallback channel"));
			count(provider, "unreachable");
			return Optional.empty();
		}
		catch (MessageRefusedException ex) {
			// the provider answered: it works, the message is what it will not take
			breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			record(claimed, (n) -> n.refused(ex.reason(), this.clock.instant()));
			log.warn("Notification {} to {} refused by {}: {}", id, phone, provider.name(), ex.reason());
			count(provider, "refused");
			return Optional.empty();
		}
		catch (ProviderThrottledException ex) {
			// not taken, the provider asks to slow down: it works, and the attempt is not
			// spent
			breaker.releasePermission();
			Notification.RetryPlan plan = new Notification.RetryPlan(this.settings.maxAttempts(), this.throttledWait,
					false);
			Notification saved = record(claimed, (n) -> n.sendFailed(token, describe(ex), plan, this.clock.instant()));
			log.info("Notification {} to {} throttled by {}; again in {} (attempt not counted)", id, phone,
					provider.name(), plan.backoff());
			count(provider, "throttled");
			return queuedAgain(saved);
		}
		catch (ProviderUnavailableException ex) {
			breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
			Notification.RetryPlan plan = retryPlan(attempt, breaker);
			Notification saved = record(claimed, (n) -> n.sendFailed(token, describe(ex), plan, this.clock.instant()));
			log.warn("Notification {} to {} attempt {} of {} on {} not taken ({}); next in {}{}", id, phone, attempt,
					this.settings.maxAttempts(), provider.name(), ex.getClass().getSimpleName(), plan.backoff(),
					plan.attemptCounts() ? "" : " (provider down: attempt not counted)");
			count(provider, "failed-attempt");
			return queuedAgain(saved);
		}
		catch (RuntimeException ex) {
			// a timeout, a broken connection, an unexpected answer: the provider may have
			// taken the message
			breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
			Notification.RetryPlan plan = retryPlan(attempt, breaker);
			boolean resendSafe = provider.idempotentSends();
			Notification saved = record(claimed,
					(n) -> n.outcomeUnknown(token, describe(ex), resendSafe, plan, this.clock.instant()));
			log.warn("Notification {} to {} attempt {} on {}: outcome unknown ({}); {}", id, phone, attempt,
					provider.name(), ex.getClass().getSimpleName(),
					resendSafe ? "resent in " + plan.backoff() : "not resent, waiting for a delivery report");
			count(provider, "unknown");
			return queuedAgain(saved);
		}
		breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		if (provider.reportsByMessageId() && receipt.providerMessageId() != null) {
			rememberMessage(provider, receipt.providerMessageId(), id);
		}
		Notification saved = record(claimed,
				(n) -> n.sent(receipt.providerMessageId(), provider.deliveryReports(), this.clock.instant()));
		if (log.isDebugEnabled()) {
			log.debug("Notification {} to {} sent on {} via {} (attempt {})", id, phone, message.channel(),
					provider.name(), attempt);
		}
		count(provider, "sent");
		if (saved != null && saved.isErased()) {
			// the erasure came while the provider had it (it changed the notification, so
			// the save above had to reload it): the copy it may have missed
			this.erasures.forgetNotification(id);
		}
		return Optional.empty();
	}

	/**
	 * Remembers which notification the provider's message id names, before the SENT is
	 * saved: a delivery report finds it by {@code _id}. Should that fail, the SENT is
	 * still saved (the message is out); reports of it then find nothing.
	 */
	private void rememberMessage(ChannelProvider provider, String messageId, String notificationId) {
		try {
			this.store.outlastingOutages(() -> {
				this.providerMessages.remember(provider.name(), messageId, notificationId);
				return true;
			});
		}
		catch (RuntimeException ex) {
			log.error("Could not remember message {} of notification {}; its delivery reports will not find it: {}",
					messageId, notificationId, ex.toString());
		}
	}

	private static Optional<Notification> queuedAgain(Notification saved) {
		return (saved != null && saved.getStatus() == NotificationStatus.QUEUED) ? Optional.of(saved)
				: Optional.empty();
	}

	/**
	 * What a failed attempt leads to. It counts unless the provider is down: once its
	 * breaker is no longer closed (this failure opened it, or it was open or probing),
	 * the failure says nothing about the message, so the attempt is given back.
	 */
	private Notification.RetryPlan retryPlan(int attempt, CircuitBreaker breaker) {
		boolean providerDown = breaker.getState() != CircuitBreaker.State.CLOSED;
		return new Notification.RetryPlan(this.settings.maxAttempts(), this.backoff.after(attempt), !providerDown);
	}

	/**
	 * Saves an outcome: first on the claimed copy in hand, by {@code _id} and version
	 * (one write); when that copy is stale (a delivery report or an erasure came first)
	 * or the database blipped, on the notification loaded again, re-applying the change:
	 * the message may be out, and a lost SENT would leave the notification claimed until
	 * its lease runs out. If even the retries fail, its lease expiry decides (resent by
	 * an idempotent provider, UNKNOWN otherwise).
	 * @return the notification as saved (or as found, when the change did not apply);
	 * null when it vanished or could not be saved
	 */
	private Notification record(Notification claimed, Predicate<Notification> change) {
		String id = claimed.getId();
		Notification[] result = { null };
		boolean[] inHand = { true };
		try {
			this.store.outlastingOutages(() -> {
				if (inHand[0]) {
					inHand[0] = false;
					result[0] = claimed;
					if (!change.test(claimed)) {
						return false;
					}
					try {
						this.store.save(claimed);
						return true;
					}
					catch (OptimisticLockingFailureException ex) {
						// changed since the claim: apply the outcome to what is stored
						// now
					}
				}
				result[0] = null;
				return this.store.changeIfPresent(id, Notification.class, (n) -> {
					result[0] = n;
					return change.test(n);
				});
			});
			if (result[0] == null) {
				log.warn("Notification {} vanished while being sent", id);
			}
			return result[0];
		}
		catch (RuntimeException ex) {
			log.error("Could not record the outcome of notification {}; its lease will decide: {}", id, ex.toString());
			return null;
		}
	}

	/**
	 * What the send-time look-ups of a claim round found.
	 *
	 * @param erased ids of notifications whose member or phone was erased
	 * @param optedOut ids of notifications whose phone opted out of the channel
	 * @param freeText ids of notifications whose phone's conversation window is open
	 */
	record SendChecks(Set<String> erased, Set<String> optedOut, Set<String> freeText) {

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
