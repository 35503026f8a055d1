package id.go.kalteng.kim.activity.invitation;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import id.go.kalteng.kim.activity.planning.Activity;
import id.go.kalteng.kim.activity.planning.ActivityType;

/** The messages members get, in Bahasa Indonesia with WIB times. */
final class NoticeTexts {

	static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

	private static final Locale INDONESIAN = Locale.forLanguageTag("id-ID");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", INDONESIAN);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH.mm", INDONESIAN);

	private static final Map<ActivityType, String> TECHNIQUES = Map.ofEntries(
			Map.entry(ActivityType.WORKSHOP, "Workshop"), Map.entry(ActivityType.TEMU_WICARA, "Temu Wicara"),
			Map.entry(ActivityType.SARASEHAN, "Sarasehan"), Map.entry(ActivityType.LOKAKARYA, "Lokakarya"),
			Map.entry(ActivityType.ANJANGSANA, "Anjangsana"), Map.entry(ActivityType.DISKUSI, "Diskusi"),
			Map.entry(ActivityType.DIALOG, "Dialog"), Map.entry(ActivityType.WIDYAWISATA, "Widyawisata"),
			Map.entry(ActivityType.DIKLAT, "Diklat"), Map.entry(ActivityType.LITIGASI, "Advokasi Litigasi"),
			Map.entry(ActivityType.PARALEGAL, "Paralegal"), Map.entry(ActivityType.MEDIASI, "Mediasi"),
			Map.entry(ActivityType.KONSULTASI, "Konsultasi"), Map.entry(ActivityType.KONSELING, "Konseling"));

	private NoticeTexts() {
	}

	static String of(NoticeKind kind, Activity activity) {
		Activity.Details d = activity.getDetails();
		String what = d.title() + " (" + technique(d.type()) + ")";
		String when = when(d.startsAt());
		return switch (kind) {
			case INVITATION ->
				"Undangan KIM: " + what + " di " + d.place() + ", " + when + ". Kehadiran Anda kami nantikan.";
			case RESCHEDULED -> "Perubahan jadwal KIM: " + what + " kini di " + d.place() + ", " + when + ".";
			case CANCELLED -> "Pembatalan KIM: " + what + " pada " + when + " dibatalkan"
					+ ((activity.getCancellationReason() != null) ? ". Alasan: " + activity.getCancellationReason()
							: "")
					+ ". Mohon maaf.";
			case REMINDER_DAY_BEFORE -> "Pengingat KIM: besok " + what + " di " + d.place() + ", " + when + ".";
			case REMINDER_TWO_HOURS -> "Pengingat KIM: " + what + " dimulai pukul "
					+ TIME.format(d.startsAt().atZone(WIB)) + " WIB di " + d.place() + ".";
		};
	}

	static String technique(ActivityType type) {
		return TECHNIQUES.getOrDefault(type, type.name());
	}

	/** e.g. "Kamis, 3 Desember 2026 pukul 09.00 WIB". */
	static String when(Instant time) {
		return DATE.format(time.atZone(WIB)) + " pukul " + TIME.format(time.atZone(WIB)) + " WIB";
	}

}
