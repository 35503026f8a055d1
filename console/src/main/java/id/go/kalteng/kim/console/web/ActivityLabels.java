package id.go.kalteng.kim.console.web;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * activity-service's and stream-service's codes in Bahasa Indonesia, for the activity and
 * subscription pages ({@code ${@activityLabels.type(a.type())}}).
 */
@Component("activityLabels")
public class ActivityLabels {

	/** The techniques as activity-service names them, in its order. */
	static final Map<String, String> TYPES = ordered("WORKSHOP", "Workshop", "TEMU_WICARA", "Temu wicara", "SARASEHAN",
			"Sarasehan", "LOKAKARYA", "Lokakarya", "ANJANGSANA", "Anjangsana", "DISKUSI", "Diskusi", "DIALOG", "Dialog",
			"WIDYAWISATA", "Widyawisata", "DIKLAT", "Pendidikan dan latihan", "LITIGASI", "Litigasi", "PARALEGAL",
			"Paralegal", "MEDIASI", "Mediasi", "KONSULTASI", "Konsultasi", "KONSELING", "Konseling");

	private static final Map<String, String> WORDS = ordered("PLANNED", "Direncanakan", "RESCHEDULED",
			"Dijadwalkan ulang", "COMPLETED", "Selesai", "CANCELLED", "Dibatalkan", "DISEMINASI_INFORMASI",
			"Diseminasi informasi", "PENDIDIKAN_LATIHAN", "Pendidikan dan latihan", "ADVOKASI", "Advokasi", "MEDIASI",
			"Mediasi", "KONSULTASI", "Konsultasi", "ACTIVE", "Aktif", "FORMING", "Pembentukan", "SUSPENDED",
			"Dibekukan", "DISSOLVED", "Dibubarkan", "DISABLED", "Dinonaktifkan (410 dari penerima)", "DELETED",
			"Dihapus");

	/**
	 * The event types an agency may subscribe to (those with a schema in event-contracts,
	 * which stream-service publishes), with what each says.
	 */
	static final Map<String, String> EVENT_TYPES = ordered("kim.group.group-registered.v1", "Kelompok terdaftar",
			"kim.group.group-updated.v1", "Kelompok diubah", "kim.group.group-activated.v1", "Kelompok aktif",
			"kim.group.group-returned-to-forming.v1", "Kelompok kembali ke pembentukan", "kim.group.group-suspended.v1",
			"Kelompok dibekukan", "kim.group.group-reinstated.v1", "Kelompok dipulihkan",
			"kim.group.group-dissolved.v1", "Kelompok dibubarkan", "kim.group.member-joined.v1", "Anggota bergabung",
			"kim.group.member-updated.v1", "Anggota diubah", "kim.group.member-consent-changed.v1",
			"Persetujuan anggota berubah", "kim.group.member-left.v1", "Anggota keluar", "kim.group.member-erased.v1",
			"Data anggota dihapus", "kim.group.person-erased.v1", "Data orang dihapus",
			"kim.group.partnership-formed.v1", "Kemitraan dibentuk", "kim.group.partnership-ended.v1",
			"Kemitraan berakhir", "kim.group.forum-established.v1", "Forum KIM dibentuk", "kim.group.forum-updated.v1",
			"Forum KIM diubah", "kim.activity.activity-planned.v1", "Kegiatan direncanakan",
			"kim.activity.activity-updated.v1", "Kegiatan diubah", "kim.activity.activity-rescheduled.v1",
			"Kegiatan dijadwalkan ulang", "kim.activity.activity-cancelled.v1", "Kegiatan dibatalkan",
			"kim.activity.activity-completed.v1", "Kegiatan selesai", "kim.dissemination.broadcast-approved.v1",
			"Siaran disetujui", "kim.dissemination.broadcast-cancelled.v1", "Siaran dibatalkan",
			"kim.notification.notification-status-changed.v1", "Status pesan berubah",
			"kim.notification.channel-opted-out.v1", "Berhenti berlangganan kanal",
			"kim.notification.channel-opted-in.v1", "Berlangganan kanal lagi",
			"kim.notification.inbound-message-received.v1", "Pesan masuk dari warga");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy",
			Locale.forLanguageTag("id-ID"));

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH.mm", Locale.forLanguageTag("id-ID"));

	public String type(Object code) {
		return (code != null) ? TYPES.getOrDefault(code.toString(), code.toString()) : "";
	}

	public String word(Object code) {
		return (code != null) ? WORDS.getOrDefault(code.toString(), code.toString()) : "";
	}

	public String event(Object type) {
		return (type != null) ? EVENT_TYPES.getOrDefault(type.toString(), type.toString()) : "";
	}

	/** {@code Selasa, 1 Desember 2026 09.00–12.00 WIB}. */
	public String when(OffsetDateTime starts, OffsetDateTime ends) {
		if (starts == null) {
			return "";
		}
		var start = starts.atZoneSameInstant(BroadcastForm.WIB);
		String text = DAY.format(start) + " " + HOUR.format(start);
		if (ends != null) {
			var end = ends.atZoneSameInstant(BroadcastForm.WIB);
			text += end.toLocalDate().equals(start.toLocalDate()) ? "–" + HOUR.format(end)
					: " – " + DAY.format(end) + " " + HOUR.format(end);
		}
		return text + " WIB";
	}

	/** {@code 09.00} in WIB. */
	public String hour(OffsetDateTime time) {
		return (time != null) ? HOUR.format(time.atZoneSameInstant(BroadcastForm.WIB)) : "";
	}

	public List<String> types() {
		return List.copyOf(TYPES.keySet());
	}

	public List<String> eventTypes() {
		return List.copyOf(EVENT_TYPES.keySet());
	}

	private static Map<String, String> ordered(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

}
