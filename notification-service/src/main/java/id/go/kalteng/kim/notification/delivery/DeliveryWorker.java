package id.go.kalteng.kim.notification.delivery;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import id.go.kalteng.kim.support.outbox.AggregateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends queued notifications, apart from the Kafka consumer that queues them: one
 * {@link DeliveryLane} per channel with a provider, each with its own rate limit, senders
 * and circuit breaker, so a slow or failing SMS gateway never holds WhatsApp back.
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

	private final List<DeliveryLane> lanes = new CopyOnWriteArrayList<>();

	private final Object lifecycle = new Object();

	private volatile boolean running;

	DeliveryWorker(ChannelProviders providers, ProviderBreakers breakers, NotificationQueue queue,
			DeliveryAttempt attempt, AggregateStore store, NotificationProperties properties, Clock clock) {
		this.providers = providers;
		this.breakers = breakers;
		this.queue = queue;
		this.attempt = attempt;
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	/** Tells the worker that something was queued, so it need not wait for its poll. */
	public void wakeUp() {
		this.lanes.forEach(DeliveryLane::wakeUp);
	}

	@Override
	public void start() {
		synchronized (this.lifecycle) {
			if (this.running || !this.properties.delivery().enabled()) {
				return;
			}
			for (ChannelProvider provider : this.providers.all()) {
				DeliveryLane lane = new DeliveryLane(provider, rateLimit(provider), this.breakers.of(provider),
						this.queue, this.attempt, this.store, this.properties.delivery(), this.clock);
				lane.start();
				this.lanes.add(lane);
			}
			this.running = true;
			log.info("Delivery worker started: {}", this.lanes);
		}
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
			this.lanes.forEach(DeliveryLane::stop);
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
