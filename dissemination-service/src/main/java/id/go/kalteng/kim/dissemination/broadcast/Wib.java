package id.go.kalteng.kim.dissemination.broadcast;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the province reads them: ISO-8601 in WIB ({@code +07:00}). */
final class Wib {

	static final ZoneOffset OFFSET = ZoneOffset.ofHours(7);

	private Wib() {
	}

	/**
	 * A time in WIB.
	 * @param instant the time (null gives null)
	 * @return e.g. {@code 2026-12-01T10:00:00+07:00}
	 */
	static String format(Instant instant) {
		return (instant != null) ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(OFFSET)) : null;
	}

}
