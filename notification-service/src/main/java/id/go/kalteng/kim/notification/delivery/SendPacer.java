package id.go.kalteng.kim.notification.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Paces the sends of one channel evenly at its limit, so that a provider counting over
 * any sliding second never sees more than the limit: one send every {@code 1 s / limit}
 * (a smooth token bucket of one token, no bursts), and never more than {@code limit}
 * sends within one second plus a small margin, measured when each send starts (a sender
 * delayed by the scheduler cannot make two sends closer than their slots). Senders call
 * {@link #awaitSlot} right before they hand a message to the provider.
 */
final class SendPacer {

	/**
	 * Added to the sliding second: what the provider measures later than we do (network,
	 * scheduling) must not make two sends one second apart look closer; costs 1 % of the
	 * limit.
	 */
	static final Duration MARGIN = Duration.ofMillis(10);

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	/**
	 * A sender later than this after the slot opened found nothing sent for a while (the
	 * channel had nothing to send): a new schedule, not time lost by the pace.
	 */
	private static final long IDLE_SCHEDULE = Duration.ofSeconds(5).toNanos();

	private final long period;

	private final long window;

	private final long[] starts;

	private final LongSupplier nanoTime;

	private final Sleeper sleeper;

	private int oldest;

	private long next = Long.MIN_VALUE;

	private long count;

	/** Time a slot stood open with no sender asking for it (see {@link #idleNanos}). */
	private final LongAdder idle;

	SendPacer(int perSecond, LongAdder idle) {
		this(perSecond, System::nanoTime, LockSupport::parkNanos, idle);
	}

	SendPacer(int perSecond, LongSupplier nanoTime, Sleeper sleeper) {
		this(perSecond, nanoTime, sleeper, new LongAdder());
	}

	SendPacer(int perSecond, LongSupplier nanoTime, Sleeper sleeper, LongAdder idle) {
		if (perSecond < 1) {
			throw new IllegalArgumentException("a rate limit must be at least 1 per second");
		}
		this.period = SECOND / perSecond;
		this.window = SECOND + MARGIN.toNanos();
		this.starts = new long[perSecond];
		this.nanoTime = nanoTime;
		this.sleeper = sleeper;
		this.idle = idle;
	}

	/**
	 * Waits until the next send may start, and books it.
	 * @return the time (nanos) the send starts
	 */
	synchronized long awaitSlot() {
		long now = this.nanoTime.getAsLong();
		long earliest = (this.count == 0) ? now : this.next;
		if (this.count >= this.starts.length) {
			// the send a full limit ago must be more than a second before this one
			earliest = Math.max(earliest, this.starts[this.oldest] + this.window);
		}
		if (this.count > 0 && now > earliest && now - earliest < IDLE_SCHEDULE) {
			// read without the lock (a scrape must not wait behind the senders)
			this.idle.add(now - earliest);
		}
		while (now < earliest) {
			this.sleeper.sleep(earliest - now);
			now = this.nanoTime.getAsLong();
		}
		this.starts[this.oldest] = now;
		this.oldest = (this.oldest + 1) % this.starts.length;
		this.count++;
		// the next slot follows this one's planned time, not the time the sleep returned:
		// a wake-up a little late (the scheduler's usual overshoot) must not lengthen
		// every period, which cost ~12 % of the limit; a send later than a whole period
		// (nothing was ready) starts a new schedule. The second-window check above still
		// caps any second at the limit.
		this.next = ((now - earliest) < this.period) ? earliest + this.period : now + this.period;
		return now;
	}

	/**
	 * How long, in all, a slot of the pace stood open with no sender asking for it while
	 * the channel was sending (gaps of 5 s and more count as a new schedule, not as idle
	 * time): at the limit, every such nanosecond is a send less. The benchmark's P3 reads
	 * it ({@code kim.notification.pace.idle}) to tell a pace starved by its senders from
	 * a pace that limits.
	 */
	long idleNanos() {
		return this.idle.sum();
	}

	/** Waits the given nanoseconds (parks in production, advances a clock in tests). */
	interface Sleeper {

		void sleep(long nanos);

	}

}
