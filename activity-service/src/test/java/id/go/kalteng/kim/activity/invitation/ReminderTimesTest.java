package id.go.kalteng.kim.activity.invitation;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReminderTimesTest {

	static final NoticeProperties DEFAULTS = new NoticeProperties("21:00-06:00", Duration.ofMinutes(30),
			Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(60));

	static Instant wib(String local) {
		return OffsetDateTime.parse(local + "+07:00").toInstant();
	}

	@Test
	void remindersAreTheDayBeforeAtEightAndTwoHoursBefore() {
		Map<NoticeKind, Instant> due = ReminderTimes.of(wib("2030-03-10T13:00:00"), wib("2030-03-01T10:00:00"),
				DEFAULTS);
		assertThat(due).containsEntry(NoticeKind.REMINDER_DAY_BEFORE, wib("2030-03-09T08:00:00"))
			.containsEntry(NoticeKind.REMINDER_TWO_HOURS, wib("2030-03-10T11:00:00"));
	}

	@Test
	void aReminderInsideTheQuietHoursIsSentBeforeTheyBegin() {
		Map<NoticeKind, Instant> due = ReminderTimes.of(wib("2030-03-10T07:00:00"), wib("2030-03-01T10:00:00"),
				DEFAULTS);
		// two hours before is 05:00, inside 21:00-06:00: moved to 20:30 the evening
		// before
		assertThat(due).containsEntry(NoticeKind.REMINDER_TWO_HOURS, wib("2030-03-09T20:30:00"));
		Map<NoticeKind, Instant> late = ReminderTimes.of(wib("2030-03-10T23:30:00"), wib("2030-03-01T10:00:00"),
				DEFAULTS);
		assertThat(late).containsEntry(NoticeKind.REMINDER_TWO_HOURS, wib("2030-03-10T20:30:00"));
	}

	@Test
	void quietHoursComeFromConfiguration() {
		NoticeProperties custom = new NoticeProperties("22:00-05:00", Duration.ofMinutes(15), Duration.ofSeconds(30),
				Duration.ofMinutes(5), Duration.ofSeconds(60));
		assertThat(ReminderTimes.of(wib("2030-03-10T23:30:00"), wib("2030-03-01T10:00:00"), custom))
			.containsEntry(NoticeKind.REMINDER_TWO_HOURS, wib("2030-03-10T21:30:00"));
		assertThat(ReminderTimes.of(wib("2030-03-11T01:00:00"), wib("2030-03-01T10:00:00"), custom))
			.containsEntry(NoticeKind.REMINDER_TWO_HOURS, wib("2030-03-10T21:45:00"));
	}

	@Test
	void noReminderIsScheduledThatWouldBeDueAlready() {
		assertThat(ReminderTimes.of(wib("2030-03-10T13:00:00"), wib("2030-03-10T09:00:00"), DEFAULTS))
			.containsOnlyKeys(NoticeKind.REMINDER_TWO_HOURS);
		assertThat(ReminderTimes.of(wib("2030-03-10T13:00:00"), wib("2030-03-10T12:00:00"), DEFAULTS)).isEmpty();
		assertThat(ReminderTimes.of(wib("2025-03-10T13:00:00"), wib("2030-03-10T12:00:00"), DEFAULTS)).isEmpty();
	}

}
