package id.go.kalteng.kim.notification.delivery;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import id.go.kalteng.kim.notification.tracking.Priority;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Quiet hours in WIB, and the ready queue holding NORMAL notifications through them while
 * URGENT ones go, then releasing them in priority order.
 */
class QuietHoursTest {

	private static Instant wib(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(QuietHours.WIB).toInstant();
	}

	@Test
	void theDefaultHoursRunFromNineInTheEveningToSixInTheMorningWib() {
		QuietHours hours = QuietHours.parse("21:00-06:00").orElseThrow();

		assertThat(hours.isQuiet(wib("2026-12-01T20:59:59"))).isFalse();
		assertThat(hours.isQuiet(wib("2026-12-01T21:00:00"))).isTrue();
		assertThat(hours.isQuiet(wib("2026-12-02T00:30:00"))).isTrue();
		assertThat(hours.isQuiet(wib("2026-12-02T05:59:59"))).isTrue();
		assertThat(hours.isQuiet(wib("2026-12-02T06:00:00"))).isFalse();
		assertThat(hours.isQuiet(wib("2026-12-02T12:00:00"))).isFalse();
		// 21:00 WIB is 14:00 UTC
		assertThat(hours.isQuiet(Instant.parse("2026-12-01T14:00:00Z"))).isTrue();
		assertThat(hours.isQuiet(Instant.parse("2026-12-01T13:59:00Z"))).isFalse();
	}

	@Test
	void hoursWithinOneDayAndOff() {
		QuietHours lunch = QuietHours.parse(" 12:00-13:00 ").orElseThrow();
		assertThat(lunch.isQuiet(wib("2026-12-01T12:30:00"))).isTrue();
		assertThat(lunch.isQuiet(wib("2026-12-01T13:00:00"))).isFalse();
		assertThat(QuietHours.parse("off")).isEmpty();
		assertThat(QuietHours.parse("OFF")).isEmpty();
	}

	@Test
	void aMalformedSettingStopsTheStartUpSayingWhatIsExpected() {
		for (String bad : List.of("21-06", "21:00", "21:00-21:00", "nine-six", "25:00-06:00")) {
			assertThatThrownBy(() -> QuietHours.parse(bad)).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("KIM_QUIET_HOURS")
				.hasMessageContaining("21:00-06:00");
		}
	}

	@Test
	void duringQuietHoursOnlyUrgentIsTakenAndAfterwardsTheWaitingGoInPriorityOrder() {
		ReadyQueue queue = new ReadyQueue();
		Instant night = wib("2026-12-01T22:00:00");
		queue.offer(entry("normal-old", Priority.NORMAL, night.minusSeconds(3600)));
		queue.offer(entry("normal-new", Priority.NORMAL, night.minusSeconds(60)));
		queue.offer(entry("urgent", Priority.URGENT, night.minusSeconds(30)));

		assertThat(queue.take(10, night, Priority.URGENT.rank())).extracting(ReadyQueue.Entry::id)
			.containsExactly("urgent");
		queue.done("urgent");
		assertThat(queue.take(10, night, Priority.URGENT.rank())).isEmpty();
		assertThat(queue.nextDue(Priority.URGENT.rank())).isEmpty();
		queue.offer(entry("urgent-later", Priority.URGENT, night));

		Instant morning = wib("2026-12-02T06:00:00");
		assertThat(queue.nextDue(Integer.MAX_VALUE)).isPresent();
		assertThat(queue.take(10, morning, Integer.MAX_VALUE)).extracting(ReadyQueue.Entry::id)
			.containsExactly("urgent-later", "normal-old", "normal-new");
	}

	private static ReadyQueue.Entry entry(String id, Priority priority, Instant requestedAt) {
		return new ReadyQueue.Entry(id, 1, priority.rank(), requestedAt, requestedAt);
	}

}
