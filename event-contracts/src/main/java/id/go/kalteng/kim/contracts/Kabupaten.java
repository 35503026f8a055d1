package id.go.kalteng.kim.contracts;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The 14 kabupaten/kota of Kalimantan Tengah with their Kemendagri codes, the values of
 * every event's {@code kabupaten} (and {@code ce_kabupaten}); {@link #PROVINCE} stands
 * for the province as a whole.
 */
public enum Kabupaten {

	KOTAWARINGIN_BARAT("62.01", "Kotawaringin Barat", Kind.KABUPATEN),
	KOTAWARINGIN_TIMUR("62.02", "Kotawaringin Timur", Kind.KABUPATEN), KAPUAS("62.03", "Kapuas", Kind.KABUPATEN),
	BARITO_SELATAN("62.04", "Barito Selatan", Kind.KABUPATEN), BARITO_UTARA("62.05", "Barito Utara", Kind.KABUPATEN),
	KATINGAN("62.06", "Katingan", Kind.KABUPATEN), SERUYAN("62.07", "Seruyan", Kind.KABUPATEN),
	SUKAMARA("62.08", "Sukamara", Kind.KABUPATEN), LAMANDAU("62.09", "Lamandau", Kind.KABUPATEN),
	GUNUNG_MAS("62.10", "Gunung Mas", Kind.KABUPATEN), PULANG_PISAU("62.11", "Pulang Pisau", Kind.KABUPATEN),
	MURUNG_RAYA("62.12", "Murung Raya", Kind.KABUPATEN), BARITO_TIMUR("62.13", "Barito Timur", Kind.KABUPATEN),
	PALANGKA_RAYA("62.71", "Kota Palangka Raya", Kind.KOTA);

	/** The province's own code, used for the provincial Forum KIM. */
	public static final String PROVINCE = "62";

	private final String code;

	private final String name;

	private final Kind kind;

	Kabupaten(String code, String name, Kind kind) {
		this.code = code;
		this.name = name;
		this.kind = kind;
	}

	public String code() {
		return this.code;
	}

	public String displayName() {
		return this.name;
	}

	public Kind kind() {
		return this.kind;
	}

	public static Optional<Kabupaten> byCode(String code) {
		return Arrays.stream(values()).filter((k) -> k.code.equals(code)).findFirst();
	}

	/** Whether the code is one of the 14 kabupaten/kota (not the province). */
	public static boolean isKnown(String code) {
		return byCode(code).isPresent();
	}

	public static List<String> codes() {
		return Arrays.stream(values()).map(Kabupaten::code).toList();
	}

	/** Regency (kabupaten) or city (kota). */
	public enum Kind {

		KABUPATEN, KOTA

	}

}
