package id.go.kalteng.kim.notification.delivery;

import java.time.Duration;

import io.github.resilience4j.core.IntervalFunction;

/**
 * How long a notification waits after a failed attempt: exponential, capped, with some
 * jitter so that what failed together during an outage is not retried all at once.
 */
final class Backoff {

	private final IntervalFunction intervals;

	Backoff(NotificationProperties.Delivery delivery) {
		this.intervals = (delivery.backoffJitter() > 0)
				? IntervalFunction.ofExponentialRandomBackoff(delivery.backoffInitial(), delivery.backoffMultiplier(),
						delivery.backoffJitter(), delivery.backoffMax())
				: IntervalFunction.ofExponentialBackoff(delivery.backoffInitial(), delivery.backoffMultiplier(),
						delivery.backoffMax());
	}

	/** The wait after the given attempt (1 = the first) failed. */
	Duration after(int attempt) {
		return Duration.ofMillis(this.intervals.apply(Math.max(1, attempt)));
	}

}
