package id.go.kalteng.kim.activity.invitation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When an activity's reminders are due: the day before at 08:00 WIB and two hours before
 * it starts. A reminder that would fall inside the quiet hours is moved to shortly before
 * they begin; one that would be due already when scheduled is left out (the invitation or
 * notice just sent says the same).
 */
final class ReminderTimes {

	static final LocalTime DAY_BEFORE_AT = LocalTime.of(8, 0);

	static final Duration TWO_HOURS = Duration.ofHours(2);

	private ReminderTimes() {
	}

	static Map<NoticeKind, Instant> of(Instant startsAt, Instant now, NoticeProperties properties) {
		Map<NoticeKind, Instant> due = new LinkedHashMap<>();
		ZonedDateTime start = startsAt.atZone(NoticeTexts.WIB);
		add(due, NoticeKind.REMINDER_DAY_BEFORE, outsideQuietHours(
				start.toLocalDate().minusDays(1).atTime(DAY_BEFORE_AT).atZone(NoticeTexts.WIB), properties), now);
		add(due, NoticeKind.REMINDER_TWO_HOURS, outsideQuietHours(start.minus(TWO_HOURS), properties), now);
		return due;
	}

	private static void add(Map<NoticeKind, Instant> due, NoticeKind kind, Instant at, Instant now) {
		if (at.isAfter(now)) {
			due.put(kind, at);
		}
	}

	/** The time itself, or the start of the quiet hours it falls in less the margin. */
	static Instant outsideQuietHours(ZonedDateTime at, NoticeProperties properties) {
		LocalTime quietStart = properties.quietStart();
		LocalTime quietEnd = properties.quietEnd();
		LocalTime time = at.toLocalTime();
		boolean overnight = quietStart.isAfter(quietEnd);
		boolean quiet = overnight ? (!time.isBefore(quietStart) || time.isBefore(quietEnd))
				: (!time.isBefore(quietStart) && time.isBefore(quietEnd));
		if (!quiet) {
			return at.toInstant();
		}
		// the quiet hours began the same day, or (after midnight) the evening before
		ZonedDateTime began = at.toLocalDate().atTime(quietStart).atZone(at.getZone());
		if (overnight && time.isBefore(quietEnd)) {
			began = began.minusDays(1);
		}
		return began.minus(properties.beforeQuietHours()).toInstant();
	}

}
