package id.go.kalteng.kim.console.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The API's codes in Bahasa Indonesia and times in WIB, for the templates
 * ({@code ${@labels.status(b.status)}}).
 */
@Component("labels")
public class Labels {

	private static final DateTimeFormatter WIB_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH.mm 'WIB'",
			Locale.forLanguageTag("id-ID"));

	private static final Map<String, String> WORDS = Map.ofEntries(Map.entry("DRAFT", "Draf"),
			Map.entry("PENDING_APPROVAL", "Menunggu persetujuan"), Map.entry("APPROVED", "Disetujui"),
			Map.entry("SCHEDULED", "Terjadwal"), Map.entry("SENDING", "Sedang dikirim"),
			Map.entry("COMPLETED", "Selesai"), Map.entry("REJECTED", "Ditolak"), Map.entry("CANCELLED", "Dibatalkan"),
			Map.entry("EXPIRED", "Kedaluwarsa"), Map.entry("FORMING", "Pembentukan"), Map.entry("ACTIVE", "Aktif"),
			Map.entry("SUSPENDED", "Dibekukan"), Map.entry("DISSOLVED", "Dibubarkan"), Map.entry("NORMAL", "Biasa"),
			Map.entry("URGENT", "Mendesak"), Map.entry("WHATSAPP", "WhatsApp"), Map.entry("SMS", "SMS"),
			Map.entry("PRIA", "Pria"), Map.entry("WANITA", "Wanita"), Map.entry("REMAJA", "Remaja"),
			Map.entry("DEWASA", "Dewasa"), Map.entry("LANSIA", "Lansia"), Map.entry("PELAJAR", "Pelajar"),
			Map.entry("MAHASISWA", "Mahasiswa"), Map.entry("PEDAGANG", "Pedagang"), Map.entry("PETANI", "Petani"),
			Map.entry("NELAYAN", "Nelayan"), Map.entry("LAINNYA", "Lainnya"), Map.entry("PERKOTAAN", "Perkotaan"),
			Map.entry("PERDESAAN", "Perdesaan"), Map.entry("KETUA", "Ketua"), Map.entry("SEKRETARIS", "Sekretaris"),
			Map.entry("BENDAHARA", "Bendahara"), Map.entry("ANGGOTA", "Anggota"), Map.entry("KURANG", "kurang dari 3"),
			Map.entry("LEBIH", "lebih dari 30"), Map.entry("SESUAI", "3–30"));

	public String word(Object code) {
		if (code == null) {
			return "";
		}
		return WORDS.getOrDefault(code.toString(), code.toString());
	}

	public String status(Object code) {
		return word(code);
	}

	public String time(Object value) {
		if (value instanceof Instant instant) {
			return WIB_TIME.format(instant.atZone(BroadcastForm.WIB));
		}
		if (value instanceof OffsetDateTime time) {
			return WIB_TIME.format(time.atZoneSameInstant(BroadcastForm.WIB));
		}
		return "";
	}

}
