package id.go.kalteng.kim.notification.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pace of a channel on a clock the test moves: evenly spaced sends at the limit,
 * never more than the limit within any sliding second, even when senders start late.
 */
class SendPacerTest {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	private long now = 0;

	@Test
	void sendsAreSpreadEvenlyAtTheLimitWithoutABurst() {
		SendPacer pacer = new SendPacer(80, () -> this.now, (nanos) -> this.now += nanos);
		List<Long> starts = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			starts.add(pacer.awaitSlot());
		}

		for (int i = 1; i < starts.size(); i++) {
			assertThat(starts.get(i) - starts.get(i - 1)).isGreaterThanOrEqualTo(SECOND / 80);
		}
		assertThat(maxWithinAnySecond(starts)).isLessThanOrEqualTo(80);
		// the achieved rate: at least 95 % of the limit
		double perSecond = (starts.size() - 1) * (double) SECOND / (starts.get(starts.size() - 1) - starts.get(0));
		assertThat(perSecond).isGreaterThan(80 * 0.95).isLessThanOrEqualTo(80);
	}

	@Test
	void aSenderThatStartsLateCannotMakeTheNextSecondHoldMoreThanTheLimit() {
		SendPacer pacer = new SendPacer(10, () -> this.now, (nanos) -> this.now += nanos);
		List<Long> starts = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			if (i % 7 == 3) {
				// a sender delayed by the scheduler: its slot passes, the next ones may
				// not
				// crowd in behind it
				this.now += SECOND / 25;
			}
			starts.add(pacer.awaitSlot());
		}

		assertThat(maxWithinAnySecond(starts)).isLessThanOrEqualTo(10);
	}

	@Test
	void wakeUpsThatComeLateKeepTheRateAndNeverExceedTheLimit() {
		// the scheduler wakes every sleeper 1.5 ms late, as a busy machine does: a pace
		// that counted from the wake-up would lose 12 % of an 80/s limit
		SendPacer pacer = new SendPacer(80, () -> this.now, (nanos) -> this.now += nanos + 1_500_000);
		List<Long> starts = new ArrayList<>();
		for (int i = 0; i < 800; i++) {
			starts.add(pacer.awaitSlot());
		}

		assertThat(maxWithinAnySecond(starts)).isLessThanOrEqualTo(80);
		double perSecond = (starts.size() - 1) * (double) SECOND / (starts.get(starts.size() - 1) - starts.get(0));
		assertThat(perSecond).isGreaterThan(80 * 0.95);
	}

	@Test
	void anIdleChannelSendsAtOnce() {
		SendPacer pacer = new SendPacer(20, () -> this.now, (nanos) -> this.now += nanos);
		pacer.awaitSlot();
		this.now += 5 * SECOND;

		assertThat(pacer.awaitSlot()).isEqualTo(5 * SECOND);
	}

	@Test
	void theTimeASlotStoodOpenWithNoSenderIsCountedAsIdle() {
		LongAdder idle = new LongAdder();
		SendPacer pacer = new SendPacer(80, () -> this.now, (nanos) -> this.now += nanos, idle);
		pacer.awaitSlot();
		pacer.awaitSlot();
		// the third sender comes 40 ms after its slot opened (one slot after the second)
		this.now += SECOND / 80 + 40_000_000L;
		pacer.awaitSlot();
		pacer.awaitSlot();

		assertThat(pacer.idleNanos()).isEqualTo(40_000_000L).isEqualTo(idle.sum());
		// a channel that had nothing to send for 5 s and more starts a new schedule: not
		// idle time of the pace
		this.now += 6 * SECOND;
		pacer.awaitSlot();
		assertThat(pacer.idleNanos()).isEqualTo(40_000_000L);
	}

	/** The most starts within any window of one second (from one start on). */
	private static int maxWithinAnySecond(List<Long> starts) {
		int max = 0;
		int from = 0;
		for (int to = 0; to < starts.size(); to++) {
			while (starts.get(to) - starts.get(from) >= SECOND) {
				from++;
			}
			max = Math.max(max, to - from + 1);
		}
		return max;
	}

}
