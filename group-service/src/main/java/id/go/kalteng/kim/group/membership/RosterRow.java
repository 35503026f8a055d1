package id.go.kalteng.kim.group.membership;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import id.go.kalteng.kim.group.registry.AgeGroup;
import id.go.kalteng.kim.group.registry.Gender;
import id.go.kalteng.kim.group.registry.MemberDetails;
import id.go.kalteng.kim.group.registry.MemberRole;
import id.go.kalteng.kim.group.registry.Occupation;
import id.go.kalteng.kim.support.domain.FieldViolation;
import id.go.kalteng.kim.support.phone.PhoneNumbers;
import org.apache.commons.csv.CSVRecord;

/**
 * One row of a kabupaten roster spreadsheet read into member details, with the words
 * offices actually write (L/P, laki-laki, orang tua, sekertaris ...), or the reasons it
 * cannot be.
 */
final class RosterRow {

	/** Column names accepted for each field, normalised (lower case, underscores). */
	static final Map<String, List<String>> COLUMNS = Map.of("nama", List.of("nama", "name", "nama_lengkap"), "no_hp",
			List.of("no_hp", "nomor_hp", "no_telp", "no_telepon", "telepon", "hp", "phone", "whatsapp_number"),
			"jenis_kelamin", List.of("jenis_kelamin", "jk", "gender", "kelamin"), "kelompok_usia",
			List.of("kelompok_usia", "usia", "kategori_usia", "age_group", "agegroup"), "pekerjaan",
			List.of("pekerjaan", "occupation", "profesi"), "jabatan", List.of("jabatan", "role", "posisi"), "whatsapp",
			List.of("whatsapp", "wa", "pakai_wa"));

	/** The columns a roster must have. */
	static final List<String> REQUIRED = List.of("nama", "no_hp", "jenis_kelamin", "kelompok_usia");

	private static final Map<String, Gender> GENDERS = Map.of("L", Gender.PRIA, "LAKI-LAKI", Gender.PRIA, "LAKI LAKI",
			Gender.PRIA, "LAKILAKI", Gender.PRIA, "PRIA", Gender.PRIA, "P", Gender.WANITA, "PEREMPUAN", Gender.WANITA,
			"WANITA", Gender.WANITA, "W", Gender.WANITA);

	private static final Map<String, AgeGroup> AGE_GROUPS = Map.of("REMAJA", AgeGroup.REMAJA, "PEMUDA", AgeGroup.REMAJA,
			"DEWASA", AgeGroup.DEWASA, "LANSIA", AgeGroup.LANSIA, "ORANG TUA", AgeGroup.LANSIA, "ORANG_TUA",
			AgeGroup.LANSIA, "ORANGTUA", AgeGroup.LANSIA);

	private static final Map<String, Occupation> OCCUPATIONS = Map.of("SISWA", Occupation.PELAJAR, "PELAJAR",
			Occupation.PELAJAR, "MAHASISWA", Occupation.MAHASISWA, "PEDAGANG", Occupation.PEDAGANG, "WIRASWASTA",
			Occupation.PEDAGANG, "PETANI", Occupation.PETANI, "PEKEBUN", Occupation.PETANI, "NELAYAN",
			Occupation.NELAYAN);

	private static final Map<String, MemberRole> ROLES = Map.of("KETUA", MemberRole.KETUA, "SEKRETARIS",
			MemberRole.SEKRETARIS, "SEKERTARIS", MemberRole.SEKRETARIS, "BENDAHARA", MemberRole.BENDAHARA, "ANGGOTA",
			MemberRole.ANGGOTA, "", MemberRole.ANGGOTA);

	private RosterRow() {
	}

	/** The canonical field a header names, or null when it is not one we read. */
	static String fieldOf(String header) {
		String normalised = header.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT).replaceAll("[\\s.\\-/]+", "_");
		return COLUMNS.entrySet()
			.stream()
			.filter((e) -> e.getValue().contains(normalised))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Reads one record.
	 * @param record the CSV record
	 * @param columns canonical field → column index
	 */
	static Result read(CSVRecord record, Map<String, Integer> columns) {
		List<FieldViolation> errors = new ArrayList<>();
		String name = value(record, columns, "nama");
		if (name.isEmpty() || name.length() > 120) {
			errors.add(FieldViolation.of("nama", "is required, at most 120 characters"));
		}
		String phone = PhoneNumbers.normaliseMobile(value(record, columns, "no_hp")).orElse(null);
		if (phone == null) {
			errors.add(FieldViolation.of("no_hp", PhoneNumbers.MOBILE_RULE));
		}
		Gender gender = lookup(record, columns, "jenis_kelamin", GENDERS::get, "L/P, PRIA or WANITA", errors);
		AgeGroup ageGroup = lookup(record, columns, "kelompok_usia", AGE_GROUPS::get,
				"REMAJA, DEWASA or LANSIA (orang tua)", errors);
		Occupation occupation = lookup(record, columns, "pekerjaan",
				(v) -> OCCUPATIONS.getOrDefault(v, Occupation.LAINNYA), "", errors);
		MemberRole role = lookup(record, columns, "jabatan", ROLES::get, "KETUA, SEKRETARIS, BENDAHARA or ANGGOTA",
				errors);
		String wa = upper(value(record, columns, "whatsapp"));
		boolean whatsapp = wa.equals("YA") || wa.equals("Y") || wa.equals("TRUE") || wa.equals("1");
		if (!errors.isEmpty()) {
			return new Result(null, errors);
		}
		return new Result(new MemberDetails(name, phone, gender, ageGroup, occupation, role, whatsapp, "id"),
				List.of());
	}

	private static <T> T lookup(CSVRecord record, Map<String, Integer> columns, String field, Function<String, T> map,
			String expected, List<FieldViolation> errors) {
		T value = map.apply(upper(value(record, columns, field)));
		if (value == null) {
			errors.add(FieldViolation.of(field, "must be " + expected));
		}
		return value;
	}

	private static String value(CSVRecord record, Map<String, Integer> columns, String field) {
		Integer index = columns.get(field);
		if (index == null || index >= record.size()) {
			return "";
		}
		return record.get(index).trim();
	}

	private static String upper(String value) {
		return Normalizer.normalize(value, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
	}

	/**
	 * The details read, or the errors that stopped it.
	 *
	 * @param details the member, or null
	 * @param errors what is wrong with the row
	 */
	record Result(MemberDetails details, List<FieldViolation> errors) {

	}

}
