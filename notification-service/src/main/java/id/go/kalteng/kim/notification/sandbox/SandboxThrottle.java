package id.go.kalteng.kim.notification.sandbox;

import java.time.Clock;
import java.util.ArrayDeque;

import id.go.kalteng.kim.notification.delivery.ProviderThrottledException;
import id.go.kalteng.kim.notification.tracking.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The sandbox playing a provider that enforces a rate limit over any sliding second (as
 * WhatsApp Cloud API and SMS gateways do): a send beyond the limit is answered as a
 * provider's 429 ({@link ProviderThrottledException} "throttled": not taken, as
 * Infobip's, Zenziva's and the Cloud API's 429/130429 are read, so the send waits the
 * short throttled wait with its attempt not counted and the breaker not charged) and
 * counted in {@code kim.sandbox.throttled{channel}}. Off unless
 * {@code kim.notification.sandbox.throttle.whatsapp / .sms} is set; the benchmark's
 * pacing row uses it to show that the delivery lanes never exceed their limit.
 */
final class SandboxThrottle {

	private static final long SECOND_MILLIS = 1000;

	private final int limit;

	private final Clock clock;

	private final Counter throttled;

	private final ArrayDeque<Long> taken = new ArrayDeque<>();

	SandboxThrottle(int limit, Channel channel, Clock clock, MeterRegistry meters) {
		this.limit = limit;
		this.clock = clock;
		this.throttled = Counter.builder("kim.sandbox.throttled")
			.description("sends the sandbox refused as over its simulated rate limit")
			.tag("channel", channel.name())
			.register(meters);
	}

	/**
	 * Takes one send, or refuses it when the limit's worth were taken within the last
	 * second.
	 * @throws ProviderThrottledException "throttled" when over the limit
	 */
	synchronized void take() {
		if (this.limit <= 0) {
			return;
		}
		long now = this.clock.millis();
		while (!this.taken.isEmpty() && this.taken.peekFirst() <= now - SECOND_MILLIS) {
			this.taken.pollFirst();
		}
		if (this.taken.size() >= this.limit) {
			this.throttled.increment();
			throw new ProviderThrottledException("throttled");
		}
		this.taken.addLast(now);
	}

}
