package id.go.kalteng.kim.activity.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.activity.planning.Activity;
import id.go.kalteng.kim.activity.planning.ActivityType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityStatsTest {

	static Activity activity(String id, ActivityType type, String kabupaten, Instant startsAt) {
		return Activity.plan(id, new Activity.Details(type, "t", null, "Forum KIM", kabupaten, "p", startsAt,
				startsAt.plus(Duration.ofHours(2)), List.of(), null), "o", startsAt);
	}

	@Test
	void figuresCountActivitiesNotCancelledByTheirLocalMonthAndSumTheAttendance() {
		// 31 Dec 20:00 UTC is already 1 January in WIB
		Activity january = activity("a", ActivityType.DIKLAT, "62.71", Instant.parse("2025-12-31T20:00:00Z"));
		january.complete("hasil", 25, Instant.parse("2026-01-01T00:00:00Z"));
		Activity march = activity("b", ActivityType.DIKLAT, "62.01", Instant.parse("2026-03-10T02:00:00Z"));
		Activity cancelled = activity("c", ActivityType.MEDIASI, "62.01", Instant.parse("2026-03-11T02:00:00Z"));
		cancelled.cancel("batal", Instant.parse("2026-03-01T00:00:00Z"));

		ActivityStats.Figures figures = ActivityStats.summarize(2026, null, List.of(january, march, cancelled));

		assertThat(figures.total()).isEqualTo(2);
		assertThat(figures.byType()).containsExactlyEntriesOf(java.util.Map.of("DIKLAT", 2L));
		assertThat(figures.byKabupaten()).containsEntry("62.71", 1L).containsEntry("62.01", 1L).hasSize(2);
		assertThat(figures.byMonth()).hasSize(12).containsEntry(1, 1L).containsEntry(3, 1L).containsEntry(2, 0L);
		assertThat(figures.byStatus()).containsEntry("CANCELLED", 1L).containsEntry("COMPLETED", 1L);
		assertThat(figures.attendees()).isEqualTo(25);
	}

}
