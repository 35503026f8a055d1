package id.go.kalteng.kim.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery of one channel: a loop that waits for a free sender, the provider's
 * breaker and the channel's rate limiter, and only then claims the next notification
 * (most urgent first) and hands it to that sender. A notification is therefore claimed
 * only when its send starts: the lane never holds more claims than it has senders, and an
 * expired claim always belongs to a send that had begun. The loop also recovers claims
 * whose lease expired.
 */
final class DeliveryLane {

	private static final Logger log = LoggerFactory.getLogger(DeliveryLane.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private static final int LEASE_SCAN_LIMIT = 100;

	private final ChannelProvider provider;

	private final RateLimiter rateLimiter;

	private final CircuitBreaker breaker;

	private final NotificationQueue queue;

	private final DeliveryAttempt attempt;

	private final AggregateStore store;

	private final NotificationProperties.Delivery settings;

	private final Clock clock;

	private final Semaphore wakeUps = new Semaphore(0);

	private final Semaphore freeSenders;

	private ExecutorService senders;

	private Thread loop;

	private volatile boolean running;

	private Instant nextLeaseScan = Instant.MIN;

	DeliveryLane(ChannelProvider provider, int perSecond, CircuitBreaker breaker, NotificationQueue queue,
			DeliveryAttempt attempt, AggregateStore store, NotificationProperties.Delivery settings, Clock clock) {
		this.provider = provider;
		this.rateLimiter = RateLimiter.of("send-" + provider.channel().name().toLowerCase(),
				RateLimiterConfig.custom()
					.limitForPeriod(perSecond)
					.limitRefreshPeriod(Duration.ofSeconds(1))
					.timeoutDuration(Duration.ofMillis(500))
					.build());
		this.breaker = breaker;
		this.queue = queue;
		this.attempt = attempt;
		this.store = store;
		this.settings = settings;
		this.clock = clock;
		this.freeSenders = new Semaphore(settings.sendersPerChannel());
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

	void wakeUp() {
		this.wakeUps.release();
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
				recoverExpiredLeasesWhenDue();
				if (!this.freeSenders.tryAcquire(this.settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
					continue;
				}
				boolean started = false;
				try {
					started = startNextSend();
				}
				finally {
					if (!started) {
						this.freeSenders.release();
					}
				}
				if (!started) {
					idle(this.settings.pollInterval());
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
					idle(pause);
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
	 * With a sender free: claims the next due notification and hands it over, if the
	 * breaker (closed, or letting a probe through) and the rate limit allow a send now.
	 * While the breaker is open nothing is claimed: the channel's notifications wait,
	 * queued, and spend no attempts.
	 * @return whether a send started
	 */
	private boolean startNextSend() {
		if (!this.breaker.tryAcquirePermission()) {
			return false;
		}
		boolean handedOver = false;
		try {
			if (!awaitRatePermission()) {
				return false;
			}
			Optional<Notification> claimed = this.queue.claimNext(this.provider.channel(), this.clock.instant());
			if (claimed.isEmpty()) {
				return false;
			}
			handOver(claimed.get());
			handedOver = true;
			return true;
		}
		finally {
			if (!handedOver) {
				this.breaker.releasePermission();
			}
		}
	}

	private void handOver(Notification claimed) {
		try {
			this.senders.execute(() -> {
				try {
					this.attempt.deliver(claimed, this.provider, this.breaker);
				}
				catch (RuntimeException ex) {
					log.error("Send of notification {} on {} failed unexpectedly; its lease will decide",
							claimed.getId(), this.provider.channel(), ex);
				}
				finally {
					this.freeSenders.release();
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// stopping: the send never started, so the claim is given back
			this.queue.release(claimed, this.clock.instant());
			throw ex;
		}
	}

	private boolean awaitRatePermission() {
		while (this.running) {
			if (this.rateLimiter.acquirePermission()) {
				return true;
			}
		}
		return false;
	}

	private void recoverExpiredLeasesWhenDue() {
		Instant now = this.clock.instant();
		if (now.isBefore(this.nextLeaseScan)) {
			return;
		}
		this.nextLeaseScan = now.plus(this.settings.pollInterval());
		recoverExpiredLeases(now);
	}

	/**
	 * Claims whose worker never answered (it crashed or hangs in its send): requeued for
	 * a provider that deduplicates, UNKNOWN for one that does not.
	 */
	private void recoverExpiredLeases(Instant now) {
		Instant cutoff = now.minus(this.settings.lease());
		for (String id : this.queue.expiredLeases(this.provider.channel(), cutoff, LEASE_SCAN_LIMIT)) {
			Notification[] recovered = { null };
			boolean changed = this.store.changeIfPresent(id, Notification.class, (n) -> {
				recovered[0] = n;
				return n.leaseExpired(cutoff, this.provider.idempotentSends(), this.settings.maxAttempts(),
						this.clock.instant());
			});
			if (changed) {
				Notification n = recovered[0];
				log.warn("Claim of notification {} on {} expired after attempt {}: now {}{}", id,
						this.provider.channel(), n.getAttempts(), n.getStatus(),
						(n.getReason() != null) ? " (" + n.getReason() + ")" : "");
			}
		}
	}

	private void idle(Duration timeout) throws InterruptedException {
		if (this.wakeUps.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			this.wakeUps.drainPermits();
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) < 0) ? a : b;
	}

	@Override
	public String toString() {
		return this.provider.channel() + " via " + this.provider.name() + " at "
				+ this.rateLimiter.getRateLimiterConfig().getLimitForPeriod() + "/s, "
				+ this.settings.sendersPerChannel() + " senders, breaker " + this.breaker.getState();
	}

}
