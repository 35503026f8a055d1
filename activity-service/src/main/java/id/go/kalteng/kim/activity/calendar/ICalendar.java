package id.go.kalteng.kim.activity.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import id.go.kalteng.kim.activity.planning.Activity;
import id.go.kalteng.kim.activity.planning.ActivityStatus;

/**
 * Writes activities as an RFC 5545 calendar: one VEVENT per activity whose UID is derived
 * from the activity id (stable across polls), SEQUENCE its revision (bumped by each
 * reschedule, once more on cancellation), STATUS CANCELLED once called off, times local
 * to Asia/Jakarta with the zone's VTIMEZONE. Lines end in CRLF and are folded at 75
 * octets.
 */
final class ICalendar {

	static final String MEDIA_TYPE = "text/calendar";

	static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private ICalendar() {
	}

	static String of(String name, List<Activity> activities, Instant now) {
		StringBuilder out = new StringBuilder();
		line(out, "BEGIN:VCALENDAR");
		line(out, "VERSION:2.0");
		line(out, "PRODID:-//Diskominfo Kalimantan Tengah//KIM Platform//ID");
		line(out, "CALSCALE:GREGORIAN");
		line(out, "METHOD:PUBLISH");
		line(out, "X-WR-CALNAME:" + text(name));
		line(out, "X-WR-TIMEZONE:Asia/Jakarta");
		line(out, "BEGIN:VTIMEZONE");
		line(out, "TZID:Asia/Jakarta");
		line(out, "BEGIN:STANDARD");
		line(out, "DTSTART:19700101T000000");
		line(out, "TZOFFSETFROM:+0700");
		line(out, "TZOFFSETTO:+0700");
		line(out, "TZNAME:WIB");
		line(out, "END:STANDARD");
		line(out, "END:VTIMEZONE");
		for (Activity activity : activities) {
			event(out, activity, now);
		}
		line(out, "END:VCALENDAR");
		return out.toString();
	}

	private static void event(StringBuilder out, Activity activity, Instant now) {
		Activity.Details d = activity.getDetails();
		boolean cancelled = activity.getStatus() == ActivityStatus.CANCELLED;
		line(out, "BEGIN:VEVENT");
		line(out, "UID:" + uid(activity.getId()));
		line(out, "DTSTAMP:" + UTC.format(now));
		if (activity.getUpdatedAt() != null) {
			line(out, "LAST-MODIFIED:" + UTC.format(activity.getUpdatedAt()));
		}
		line(out, "DTSTART;TZID=Asia/Jakarta:" + LOCAL.format(d.startsAt().atZone(WIB)));
		line(out, "DTEND;TZID=Asia/Jakarta:" + LOCAL.format(d.endsAt().atZone(WIB)));
		line(out, "SEQUENCE:" + (activity.getRevision() + (cancelled ? 1 : 0)));
		line(out, "STATUS:" + (cancelled ? "CANCELLED" : "CONFIRMED"));
		line(out, "SUMMARY:" + text(d.title()));
		line(out, "LOCATION:" + text(d.place()));
		String description = d.type().name() + " · " + d.organizer()
				+ ((d.description() != null) ? "\n" + d.description() : "");
		line(out, "DESCRIPTION:" + text(description));
		line(out, "END:VEVENT");
	}

	static String uid(String activityId) {
		return activityId + "@kim.kalteng.go.id";
	}

	/** TEXT escaping of RFC 5545 section 3.3.11. */
	static String text(String value) {
		return (value == null) ? ""
				: value.replace("\\", "\\\\")
					.replace(";", "\\;")
					.replace(",", "\\,")
					.replace("\r\n", "\\n")
					.replace("\n", "\\n");
	}

	/** Writes a content line, folded at 75 octets without splitting a UTF-8 character. */
	private static void line(StringBuilder out, String line) {
		int octets = 0;
		int limit = 75;
		for (int i = 0; i < line.length();) {
			int codePoint = line.codePointAt(i);
			int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
			if (octets + size > limit) {
				out.append("\r\n ");
				octets = 1;
				limit = 75;
			}
			out.appendCodePoint(codePoint);
			octets += size;
			i += Character.charCount(codePoint);
		}
		out.append("\r\n");
	}

}
