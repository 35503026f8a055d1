package id.go.kalteng.kim.notification.delivery;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The hours in which NORMAL messages wait (default 21:00-06:00 WIB, Asia/Jakarta): people
 * are not woken by a newsletter; URGENT ones (disaster warnings) go at once. From the end
 * of the hours the waiting ones go in the ready queue's order: URGENT first, then oldest.
 * {@code off} disables them.
 */
public final class QuietHours {

	/** The zone of the hours: WIB, Kalimantan Tengah's time. */
	public static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

	private final LocalTime start;

	private final LocalTime end;

	private QuietHours(LocalTime start, LocalTime end) {
		this.start = start;
		this.end = end;
	}

	/**
	 * Reads {@code HH:mm-HH:mm} (WIB; the end may be the next day) or {@code off}.
	 * @return empty for {@code off}
	 * @throws IllegalStateException for anything else (the start-up fails)
	 */
	public static Optional<QuietHours> parse(String setting) {
		if (setting == null || setting.isBlank() || "off".equals(setting.strip().toLowerCase(Locale.ROOT))) {
			return Optional.empty();
		}
		String[] parts = setting.strip().split("-");
		try {
			if (parts.length == 2) {
				LocalTime start = LocalTime.parse(parts[0].strip());
				LocalTime end = LocalTime.parse(parts[1].strip());
				if (!start.equals(end)) {
					return Optional.of(new QuietHours(start, end));
				}
			}
		}
		catch (DateTimeParseException ex) {
			// reported below
		}
		throw new IllegalStateException("KIM_QUIET_HOURS (kim.notification.quiet-hours) is '" + setting
				+ "': expected HH:mm-HH:mm in WIB (e.g. 21:00-06:00) or off");
	}

	/** Whether NORMAL messages wait at this instant. */
	public boolean isQuiet(Instant now) {
		LocalTime time = now.atZone(WIB).toLocalTime();
		if (this.start.isBefore(this.end)) {
			return !time.isBefore(this.start) && time.isBefore(this.end);
		}
		return !time.isBefore(this.start) || time.isBefore(this.end);
	}

	@Override
	public String toString() {
		return this.start + "-" + this.end + " WIB";
	}

}
