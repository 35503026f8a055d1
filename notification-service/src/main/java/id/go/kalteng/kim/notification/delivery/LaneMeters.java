package id.go.kalteng.kim.notification.delivery;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import id.go.kalteng.kim.notification.tracking.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Where a channel's sends spend their time, for telling a pace that limits from a pace
 * its senders starve (the benchmark's P3 reads them): the time a slot of the pace stood
 * open with no sender asking for it, the claim rounds (claim and send-time checks) and
 * the claims they lost. Kept per channel across restarts of its lane.
 *
 * @param paceIdle nanoseconds a slot stood open with no sender
 * @param rounds claim rounds, claim and checks
 * @param claimed claims made
 * @param lost claims lost (taken elsewhere, changed, or already sent: a stale entry)
 */
record LaneMeters(LongAdder paceIdle, Timer rounds, Counter claimed, Counter lost) {

	static LaneMeters of(Channel channel, MeterRegistry meters) {
		String tag = channel.name();
		LongAdder idle = new LongAdder();
		FunctionCounter.builder("kim.notification.pace.idle", idle, (adder) -> adder.sum() / 1e9)
			.description("time a slot of the channel's pace stood open with no sender asking for it")
			.baseUnit("seconds")
			.tag("channel", tag)
			.register(meters);
		return new LaneMeters(idle,
				Timer.builder("kim.notification.delivery.rounds")
					.description("claim rounds of a delivery lane: the claim and the send-time checks")
					.tag("channel", tag)
					.register(meters),
				Counter.builder("kim.notification.delivery.claims")
					.tag("channel", tag)
					.tag("outcome", "claimed")
					.register(meters),
				Counter.builder("kim.notification.delivery.claims")
					.tag("channel", tag)
					.tag("outcome", "lost")
					.register(meters));
	}

	void round(long nanos) {
		this.rounds.record(nanos, TimeUnit.NANOSECONDS);
	}

}
