package id.go.kalteng.kim.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.Priority;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery of one channel: a loop that waits for free senders and the provider's
 * breaker, takes as many notifications from its {@link ReadyQueue} as it can send now
 * (URGENT first, then oldest), claims them in one round (a compare-and-set each by
 * {@code _id} and version, one bulk write), checks them at once (erasures and opt-outs by
 * {@code _id $in}) and hands each to a sender, which waits for its slot of the channel's
 * even pace ({@link SendPacer}) and sends. A notification is therefore claimed only when
 * its send is about to start: the lane never holds more claims than it has senders, and
 * an expired claim always belongs to a send that had begun. Nothing here scans the
 * database: finding what to send is the ready queue's job, fed by intake, by retries and
 * by the worker's recovery scan.
 */
final class DeliveryLane {

	private static final Logger log = LoggerFactory.getLogger(DeliveryLane.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration GATHER_MIN = Duration.ofMillis(2);

	private static final Duration GATHER_MAX = Duration.ofMillis(100);

	private static final int MAX_GATHER_SLOTS = 3;

	private final Duration gatherWindow;

	private final ChannelProvider provider;

	private final SendPacer pacer;

	private final int perSecond;

	private final CircuitBreaker breaker;

	private final NotificationQueue queue;

	private final ReadyQueue ready = new ReadyQueue();

	private final DeliveryAttempt attempt;

	private final NotificationProperties.Delivery settings;

	private final Clock clock;

	private final Semaphore wakeUps = new Semaphore(0);

	private final Semaphore freeSenders;

	private ExecutorService senders;

	private Thread loop;

	private volatile boolean running;

	private final Optional<QuietHours> quietHours;

	private final Predicate<String> cancelledSource;

	private final LaneMeters meters;

	DeliveryLane(ChannelProvider provider, int perSecond, CircuitBreaker breaker, NotificationQueue queue,
			DeliveryAttempt attempt, NotificationProperties.Delivery settings, Clock clock,
			Optional<QuietHours> quietHours, Predicate<String> cancelledSource, LaneMeters meters) {
		this.meters = meters;
		this.quietHours = quietHours;
		this.cancelledSource = cancelledSource;
		this.provider = provider;
		this.perSecond = perSecond;
		this.pacer = new SendPacer(perSecond, meters.paceIdle());
		this.breaker = breaker;
		this.queue = queue;
		this.attempt = attempt;
		this.settings = settings;
		this.clock = clock;
		this.freeSenders = new Semaphore(settings.sendersPerChannel());
		// a few slots' time, within bounds: long enough that a round serves several
		// senders, short enough that the senders still waiting for their slots keep the
		// pace fed while the next round is claimed (so the pace never starves at the
		// limit)
		Duration pace = Duration.ofNanos(Duration.ofSeconds(1).toNanos() / perSecond);
		long gatherSlots = Math.max(1, Math.min(settings.sendersPerChannel() - 1, MAX_GATHER_SLOTS));
		this.gatherWindow = max(GATHER_MIN, min(pace.multipliedBy(gatherSlots), GATHER_MAX));
	}

	void start() {
		String channel = this.provider.channel().name().toLowerCase();
		AtomicInteger threads = new AtomicInteger();
		this.senders = Executors.newFixedThreadPool(this.settings.sendersPerChannel(), (task) -> {
			Thread thread = new Thread(task, "send-" + channel + "-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.running = true;
		this.loop = new Thread(this::run, "delivery-" + channel);
		this.loop.setDaemon(true);
		this.loop.start();
	}

	/** Offers QUEUED notifications of this channel (new, retried or recovered). */
	void offer(List<ReadyQueue.Entry> entries) {
		boolean added = false;
		for (ReadyQueue.Entry entry : entries) {
			added |= this.ready.offer(entry);
		}
		if (added) {
			this.wakeUps.release();
		}
	}

	/**
	 * Offers what the recovery scan read as QUEUED (see {@link ReadyQueue#offerScanned});
	 * {@link ReadyQueue#scanStarting} was called before it read.
	 */
	void offerScanned(List<ReadyQueue.Entry> entries) {
		if (this.ready.offerScanned(entries) > 0) {
			this.wakeUps.release();
		}
	}

	ReadyQueue ready() {
		return this.ready;
	}

	/**
	 * Stops claiming and lets sends in flight finish. What does not finish in time stays
	 * claimed until its lease expires.
	 */
	void stop() {
		this.running = false;
		this.wakeUps.release();
		try {
			this.loop.join(STOP_TIMEOUT.toMillis());
			this.senders.shutdown();
			if (!this.senders.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("Sends of {} still in flight at stop; their leases will decide", this.provider.channel());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void run() {
		Duration pause = this.settings.pollInterval();
		while (this.running) {
			try {
				if (!this.freeSenders.tryAcquire(this.settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
					continue;
				}
				int slots = gatherSenders(1 + this.freeSenders.drainPermits());
				int started = 0;
				try {
					started = startRound(slots);
				}
				finally {
					this.freeSenders.release(slots - started);
				}
				if (started == 0) {
					idle();
				}
				pause = this.settings.pollInterval();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Delivery round of {} failed, retrying in {}: {}", this.provider.channel(), pause,
						ex.toString());
				try {
					sleep(pause);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
				pause = min(pause.multipliedBy(2), Duration.ofSeconds(30));
			}
		}
	}

	/**
	 * Waits a little for more senders to come free when more is ready than the free
	 * senders could take: senders pacing at the limit come free one at a time, and a
	 * round for several costs the same few round trips as a round for one. Waits at most
	 * the pace of the senders' other sends (nothing is claimed meanwhile), so the pace is
	 * kept.
	 * @return the senders now held
	 */
	private int gatherSenders(int held) throws InterruptedException {
		int senders = this.settings.sendersPerChannel();
		int slots = held;
		long deadline = System.nanoTime() + this.gatherWindow.toNanos();
		while (slots < senders && this.ready.size() > slots) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0 || !this.freeSenders.tryAcquire(remaining, TimeUnit.NANOSECONDS)) {
				break;
			}
			slots += 1 + this.freeSenders.drainPermits();
		}
		return slots;
	}

	/**
	 * With {@code slots} senders free: claims up to that many due notifications, as many
	 * as the breaker lets through (none while it is open: the channel's notifications
	 * wait, queued, and spend no attempts), and hands them over.
	 * @return how many sends started
	 */
	private int startRound(int slots) {
		int permits = 0;
		while (permits < slots && this.breaker.tryAcquirePermission()) {
			permits++;
		}
		int handedOver = 0;
		try {
			if (permits == 0) {
				return 0;
			}
			Instant now = this.clock.instant();
			List<ReadyQueue.Entry> entries = takeSendable(permits, now);
			if (entries.isEmpty()) {
				return 0;
			}
			long roundStart = System.nanoTime();
			NotificationQueue.Claims claims;
			try {
				claims = this.queue.claim(entries, UUID.randomUUID().toString(), now);
			}
			catch (RuntimeException ex) {
				// the claims may or may not be made: the recovery scan finds both kinds
				this.ready.done(entries.stream().map(ReadyQueue.Entry::id).toList());
				throw ex;
			}
			this.ready.done(claims.lost());
			this.ready.done(claims.stillQueued().stream().map(ReadyQueue.Entry::id).toList());
			offer(claims.stillQueued());
			List<Notification> claimed = claims.claimed();
			this.meters.claimed().increment(claimed.size());
			this.meters.lost().increment(entries.size() - claimed.size());
			if (claimed.isEmpty()) {
				this.meters.round(System.nanoTime() - roundStart);
				return 0;
			}
			DeliveryAttempt.SendChecks checks;
			try {
				checks = this.attempt.check(claimed, this.provider);
			}
			catch (RuntimeException ex) {
				// no send started: the claims are given back rather than left to expire
				// as
				// if the provider might have had them
				giveBack(claimed, ex);
				throw ex;
			}
			this.meters.round(System.nanoTime() - roundStart);
			for (Notification notification : claimed) {
				if (!handOver(notification, checks)) {
					// stopping: the sends never started, so the claims are given back
					giveBack(claimed.subList(handedOver, claimed.size()),
							new IllegalStateException("the delivery worker stopped"));
					return handedOver;
				}
				handedOver++;
			}
			return handedOver;
		}
		finally {
			for (int i = handedOver; i < permits; i++) {
				this.breaker.releasePermission();
			}
		}
	}

	/**
	 * Takes up to {@code max} due entries, dropping (unclaimed) those of a cancelled
	 * source: the cancellation ends them in the database (or the recovery scan does), so
	 * a cancelled backlog of thousands costs no claim round.
	 */
	private List<ReadyQueue.Entry> takeSendable(int max, Instant now) {
		int rank = maxRank(now);
		while (true) {
			List<ReadyQueue.Entry> taken = this.ready.take(max, now, rank);
			List<ReadyQueue.Entry> sendable = new ArrayList<>(taken.size());
			List<String> dropped = new ArrayList<>();
			for (ReadyQueue.Entry entry : taken) {
				if (this.cancelledSource.test(entry.sourceKey())) {
					dropped.add(entry.id());
				}
				else {
					sendable.add(entry);
				}
			}
			this.ready.done(dropped);
			if (taken.isEmpty() || !sendable.isEmpty()) {
				return sendable;
			}
		}
	}

	private void giveBack(List<Notification> claimed, RuntimeException cause) {
		List<ReadyQueue.Entry> queued = this.attempt.giveBack(claimed, cause);
		this.ready.done(claimed.stream().map(Notification::getId).toList());
		offer(queued);
	}

	/** Hands a claim to a sender; false when the senders stopped taking work. */
	private boolean handOver(Notification claimed, DeliveryAttempt.SendChecks checks) {
		try {
			this.senders.execute(() -> send(claimed, checks));
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	private void send(Notification claimed, DeliveryAttempt.SendChecks checks) {
		Optional<ReadyQueue.Entry> retry = Optional.empty();
		try {
			retry = this.attempt.deliver(claimed, checks, this.provider, this.breaker, this.pacer)
				.flatMap(ReadyQueue.Entry::of);
		}
		catch (RuntimeException ex) {
			log.error("Send of notification {} on {} failed unexpectedly; its lease will decide", claimed.getId(),
					this.provider.channel(), ex);
		}
		finally {
			this.ready.done(claimed.getId());
			this.freeSenders.release();
		}
		retry.ifPresent((entry) -> offer(List.of(entry)));
	}

	/**
	 * Waits for an offer, or until the next retry falls due (at most a poll interval).
	 */
	private void idle() throws InterruptedException {
		Duration wait = this.settings.pollInterval();
		Optional<Instant> nextDue = this.ready.nextDue(maxRank(this.clock.instant()));
		if (nextDue.isPresent()) {
			Duration untilDue = Duration.between(this.clock.instant(), nextDue.get());
			if (!untilDue.isNegative()) {
				wait = min(wait, untilDue.plusMillis(1));
			}
			else if (this.breaker.getState() == CircuitBreaker.State.CLOSED) {
				// due ones wait (their claims were lost and offered again): go on soon
				wait = Duration.ofMillis(10);
			}
		}
		sleep(wait);
	}

	/**
	 * The lowest priority sent now: during quiet hours only URGENT, NORMAL ones wait in
	 * the ready queue (and go from the end of the hours, in its order).
	 */
	private int maxRank(Instant now) {
		return (this.quietHours.isPresent() && this.quietHours.get().isQuiet(now)) ? Priority.URGENT.rank()
				: Integer.MAX_VALUE;
	}

	private void sleep(Duration timeout) throws InterruptedException {
		if (this.wakeUps.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			this.wakeUps.drainPermits();
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) < 0) ? a : b;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) > 0) ? a : b;
	}

	@Override
	public String toString() {
		return this.provider.channel() + " via " + this.provider.name() + " at " + this.perSecond + "/s (paced), "
				+ this.settings.sendersPerChannel() + " senders, breaker " + this.breaker.getState();
	}

}
