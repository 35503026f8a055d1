package id.go.kalteng.kim.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import id.go.kalteng.kim.notification.NotificationProperties;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationUpdates;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery of one channel: a loop that recovers expired claims, claims a batch (most
 * urgent first), and hands each claimed notification to a small pool of senders once the
 * channel's rate limiter allows, then waits for the batch before claiming more.
 */
final class DeliveryLane {

	private static final Logger log = LoggerFactory.getLogger(DeliveryLane.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final ChannelProvider provider;

	private final RateLimiter rateLimiter;

	private final NotificationQueue queue;

	private final DeliveryAttempt attempt;

	private final NotificationUpdates updates;

	private final NotificationProperties.Delivery settings;

	private final Clock clock;

	private final Semaphore wakeUps = new Semaphore(0);

	private ExecutorService senders;

	private Thread loop;

	private volatile boolean running;

	DeliveryLane(ChannelProvider provider, int perSecond, NotificationQueue queue, DeliveryAttempt attempt,
			NotificationUpdates updates, NotificationProperties.Delivery settings, Clock clock) {
		this.provider = provider;
		this.rateLimiter = RateLimiter.of("send-" + provider.channel().name().toLowerCase(),
				RateLimiterConfig.custom()
					.limitForPeriod(perSecond)
					.limitRefreshPeriod(Duration.ofSeconds(1))
					.timeoutDuration(Duration.ofMillis(500))
					.build());
		this.queue = queue;
		this.attempt = attempt;
		this.updates = updates;
		this.settings = settings;
		this.clock = clock;
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
	 * Stops claiming, gives back claims not yet sent, lets sends in flight finish. What
	 * does not finish in time stays claimed until its lease expires.
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
				recoverExpiredLeases();
				List<Notification> batch = this.queue.claim(this.provider.channel(), this.settings.batchSize(),
						this.clock.instant());
				if (batch.isEmpty()) {
					idle(this.settings.pollInterval());
				}
				else {
					send(batch);
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

	private void send(List<Notification> batch) throws InterruptedException {
		List<Future<?>> inFlight = new ArrayList<>(batch.size());
		for (int i = 0; i < batch.size(); i++) {
			Notification claimed = batch.get(i);
			if (!awaitPermission()) {
				Instant now = this.clock.instant();
				batch.subList(i, batch.size()).forEach((unsent) -> this.queue.release(unsent, now));
				break;
			}
			inFlight.add(this.senders.submit(() -> this.attempt.deliver(claimed, this.provider)));
		}
		for (Future<?> send : inFlight) {
			try {
				send.get();
			}
			catch (ExecutionException ex) {
				log.error("Send on {} failed unexpectedly", this.provider.channel(), ex.getCause());
			}
		}
	}

	private boolean awaitPermission() {
		while (this.running) {
			if (this.rateLimiter.acquirePermission()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Claims whose worker never answered (a crash): requeued for a provider that
	 * deduplicates, FAILED as unknown-outcome for one that does not.
	 */
	private void recoverExpiredLeases() {
		Instant now = this.clock.instant();
		Instant cutoff = now.minus(this.settings.lease());
		for (String id : this.queue.expiredLeases(this.provider.channel(), cutoff, this.settings.batchSize())) {
			boolean[] recovered = { false };
			this.updates.apply(id, (n) -> {
				recovered[0] = n.leaseExpired(cutoff, this.provider.idempotentSends(), this.settings.maxAttempts(),
						this.clock.instant());
				return recovered[0];
			})
				.filter((n) -> recovered[0])
				.ifPresent((n) -> log.warn("Claim of notification {} on {} expired after attempt {}: now {}{}", id,
						this.provider.channel(), n.getAttempts(), n.getStatus(),
						(n.getReason() != null) ? " (" + n.getReason() + ")" : ""));
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
				+ this.rateLimiter.getRateLimiterConfig().getLimitForPeriod() + "/s";
	}

}
