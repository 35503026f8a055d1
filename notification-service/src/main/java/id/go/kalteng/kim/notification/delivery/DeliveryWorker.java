package id.go.kalteng.kim.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import id.go.kalteng.kim.notification.cancellation.UnsentEndings;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends queued notifications, apart from the Kafka consumer that queues them: one
 * {@link DeliveryLane} per channel with a provider, each with its own ready queue, pace,
 * senders and circuit breaker, so a slow or failing SMS gateway never holds WhatsApp
 * back. Intake hands it what it inserted ({@link #queued}); the only scan of the
 * notifications, the recovery ({@link #recover}), runs at start-up and then every
 * {@code recovery-interval}: it offers the QUEUED notifications the lanes do not know
 * (queued before a restart, or by another instance) and settles claims whose lease
 * expired.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	private final ChannelProviders providers;

	private final ProviderBreakers breakers;

	private final NotificationQueue queue;

	private final DeliveryAttempt attempt;

	private final AggregateStore store;

	private final NotificationProperties properties;

	private final Clock clock;

	private final Map<Channel, DeliveryLane> lanes = new EnumMap<>(Channel.class);

	/** Per channel, across restarts of its lane (guarded by {@link #lifecycle}). */
	private final Map<Channel, LaneMeters> laneMeters = new EnumMap<>(Channel.class);

	private final MeterRegistry meters;

	private final Object lifecycle = new Object();

	private ScheduledExecutorService recovery;

	private volatile boolean running;

	private final Optional<QuietHours> quietHours;

	private final UnsentEndings endings;

	DeliveryWorker(ChannelProviders providers, ProviderBreakers breakers, NotificationQueue queue,
			DeliveryAttempt attempt, AggregateStore store, NotificationProperties properties, Clock clock,
			QueuedNotifications made, UnsentEndings endings, MeterRegistry meters) {
		this.meters = meters;
		this.endings = endings;
		this.quietHours = QuietHours.parse(properties.quietHours());
		made.handTo(this::queued);
		this.providers = providers;
		this.breakers = breakers;
		this.queue = queue;
		this.attempt = attempt;
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Takes notifications just inserted by intake; the QUEUED ones go to their channel's
	 * ready queue (the others need no sending). Costs no database round trip.
	 */
	public void queued(Collection<Notification> inserted) {
		Map<Channel, List<ReadyQueue.Entry>> byChannel = new EnumMap<>(Channel.class);
		for (Notification n : inserted) {
			ReadyQueue.Entry.ofInserted(n)
				.ifPresent((entry) -> byChannel.computeIfAbsent(n.getChannel(), (c) -> new ArrayList<>()).add(entry));
		}
		synchronized (this.lifecycle) {
			byChannel.forEach((channel, entries) -> {
				DeliveryLane lane = this.lanes.get(channel);
				if (lane != null) {
					lane.offer(entries);
				}
			});
		}
	}

	@Override
	public void start() {
		synchronized (this.lifecycle) {
			if (this.running || !this.properties.delivery().enabled()) {
				return;
			}
			for (ChannelProvider provider : this.providers.all()) {
				DeliveryLane lane = new DeliveryLane(provider, rateLimit(provider), this.breakers.of(provider),
						this.queue, this.attempt, this.properties.delivery(), this.clock, this.quietHours,
						this.endings::isCancelled,
						this.laneMeters.computeIfAbsent(provider.channel(), (c) -> LaneMeters.of(c, this.meters)));
				lane.start();
				this.lanes.put(provider.channel(), lane);
			}
			this.recovery = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "delivery-recovery");
				thread.setDaemon(true);
				return thread;
			});
			long interval = this.properties.delivery().recoveryInterval().toMillis();
			this.recovery.scheduleWithFixedDelay(this::recover, 0, interval, TimeUnit.MILLISECONDS);
			this.running = true;
			log.info("Delivery worker started: {}; recovery every {}; quiet hours for NORMAL messages: {}",
					this.lanes.values(), this.properties.delivery().recoveryInterval(),
					this.quietHours.map(QuietHours::toString).orElse("off"));
		}
	}

	/**
	 * The recovery scan: ends the QUEUED notifications that must not be sent any more
	 * (expired while they waited for quiet hours to end or for a retry, or of a cancelled
	 * source a crash kept from being ended), offers every other QUEUED notification to
	 * its lane (those it knows are skipped), and settles the claims nobody answered
	 * within their lease: requeued for a provider that deduplicates, UNKNOWN for one that
	 * does not.
	 */
	void recover() {
		synchronized (this.lifecycle) {
			// sends that end while the scan reads are not offered again from its stale
			// copies
			this.lanes.values().forEach((lane) -> lane.ready().scanStarting());
		}
		Map<Channel, List<ReadyQueue.Entry>> byChannel = new EnumMap<>(Channel.class);
		try {
			Instant now = this.clock.instant();
			List<String> toEnd = new ArrayList<>();
			List<String> expiredClaims = new ArrayList<>();
			this.queue.recoverable(now.minus(this.properties.delivery().lease()), (n) -> {
				if (this.endings.isDue(n.sourceKey(), n.getExpiresAt(), now)) {
					toEnd.add(n.getId());
				}
				else if (!known(n)) {
					// one its lane holds already would not be offered again: not kept
					offerLater(byChannel, n);
				}
			}, expiredClaims::add);
			if (!toEnd.isEmpty()) {
				int ended = this.endings.endWhereDue(toEnd);
				log.info("Recovery ended {} queued notifications unsent (expired or cancelled)", ended);
			}
			for (String id : expiredClaims) {
				expired(id, now).ifPresent((n) -> offerLater(byChannel, n));
			}
		}
		catch (RuntimeException ex) {
			byChannel.clear();
			log.warn("Delivery recovery scan failed; next in {}: {}", this.properties.delivery().recoveryInterval(),
					ex.toString());
		}
		finally {
			synchronized (this.lifecycle) {
				// every lane ends its scan, also one with nothing found
				this.lanes.forEach((channel, lane) -> lane.offerScanned(byChannel.getOrDefault(channel, List.of())));
			}
		}
	}

	private boolean known(Notification n) {
		DeliveryLane lane = this.lanes.get(n.getChannel());
		return lane != null && lane.ready().knows(n.getId());
	}

	private static void offerLater(Map<Channel, List<ReadyQueue.Entry>> byChannel, Notification n) {
		ReadyQueue.Entry.of(n)
			.ifPresent((entry) -> byChannel.computeIfAbsent(n.getChannel(), (c) -> new ArrayList<>()).add(entry));
	}

	private Optional<Notification> expired(String id, Instant now) {
		Notification[] recovered = { null };
		Instant cutoff = now.minus(this.properties.delivery().lease());
		boolean changed = this.store.changeIfPresent(id, Notification.class, (n) -> {
			recovered[0] = n;
			ChannelProvider of = this.providers.of(n.getChannel()).orElse(null);
			return of != null && n.leaseExpired(cutoff, of.idempotentSends(), this.properties.delivery().maxAttempts(),
					this.clock.instant());
		});
		if (!changed) {
			return Optional.empty();
		}
		Notification n = recovered[0];
		log.warn("Claim of notification {} on {} expired after attempt {}: now {}{}", id, n.getChannel(),
				n.getAttempts(), n.getStatus(), (n.getReason() != null) ? " (" + n.getReason() + ")" : "");
		return Optional.of(n);
	}

	private int rateLimit(ChannelProvider provider) {
		NotificationProperties.RateLimits limits = this.properties.rateLimits();
		return switch (provider.channel()) {
			case WHATSAPP -> limits.whatsapp();
			case SMS -> limits.sms();
		};
	}

	@Override
	public void stop() {
		synchronized (this.lifecycle) {
			this.running = false;
			if (this.recovery != null) {
				this.recovery.shutdownNow();
			}
			this.lanes.values().forEach(DeliveryLane::stop);
			this.lanes.clear();
			log.info("Delivery worker stopped");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// start after and stop before the outbox relay, which publishes what sending
		// records
		return Integer.MAX_VALUE - 50;
	}

}
