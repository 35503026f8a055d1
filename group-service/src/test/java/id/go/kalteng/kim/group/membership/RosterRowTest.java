package id.go.kalteng.kim.group.membership;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import id.go.kalteng.kim.group.registry.AgeGroup;
import id.go.kalteng.kim.group.registry.Gender;
import id.go.kalteng.kim.group.registry.MemberRole;
import id.go.kalteng.kim.group.registry.Occupation;
import id.go.kalteng.kim.support.domain.FieldViolation;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** How the words kabupaten offices write in their rosters become member details. */
class RosterRowTest {

	@ParameterizedTest
	@CsvSource({ "Nama,nama", "NO HP,no_hp", "No. HP,no_hp", "nomor-hp,no_hp", "Telepon,no_hp", "JK,jenis_kelamin",
			"Jenis Kelamin,jenis_kelamin", "Kelompok Usia,kelompok_usia", "usia,kelompok_usia", "Pekerjaan,pekerjaan",
			"Jabatan,jabatan", "WA,whatsapp", "\uFEFFnama,nama", "alamat," })
	void headersAreRecognisedInTheWaysOfficesWriteThem(String header, String field) {
		assertThat(RosterRow.fieldOf(header)).isEqualTo(field);
	}

	@ParameterizedTest
	@CsvSource({ "L,PRIA", "laki-laki,PRIA", "Laki Laki,PRIA", "P,WANITA", "Perempuan,WANITA", "wanita,WANITA" })
	void genderAcceptsLocalWords(String written, Gender expected) throws IOException {
		assertThat(read("Ani,0812-3456-7890," + written + ",DEWASA,,,").details().gender()).isEqualTo(expected);
	}

	@Test
	void ageOccupationRoleAndWhatsappAreMappedWithSensibleDefaults() throws IOException {
		RosterRow.Result result = read("Ani,0812-3456-7890,P,Orang Tua,Guru,,Ya");
		assertThat(result.errors()).isEmpty();
		assertThat(result.details().ageGroup()).isEqualTo(AgeGroup.LANSIA);
		assertThat(result.details().occupation()).isEqualTo(Occupation.LAINNYA);
		assertThat(result.details().role()).isEqualTo(MemberRole.ANGGOTA);
		assertThat(result.details().whatsapp()).isTrue();
		assertThat(result.details().phone()).isEqualTo("+6281234567890");
		assertThat(read("Ani,0812-3456-7890,P,Remaja,Siswa,Sekertaris,tidak").details())
			.satisfies((details) -> assertThat(details.role()).isEqualTo(MemberRole.SEKRETARIS))
			.satisfies((details) -> assertThat(details.occupation()).isEqualTo(Occupation.PELAJAR))
			.satisfies((details) -> assertThat(details.whatsapp()).isFalse());
	}

	@Test
	void everyBadFieldOfARowIsNamed() throws IOException {
		RosterRow.Result result = read(",12345,X,Tua,Nelayan,Bos,");
		assertThat(result.details()).isNull();
		assertThat(result.errors()).extracting(FieldViolation::field)
			.containsExactly("nama", "no_hp", "jenis_kelamin", "kelompok_usia", "jabatan");
	}

	private static RosterRow.Result read(String row) throws IOException {
		List<String> header = List.of("nama", "no_hp", "jenis_kelamin", "kelompok_usia", "pekerjaan", "jabatan",
				"whatsapp");
		Map<String, Integer> columns = new HashMap<>();
		for (int i = 0; i < header.size(); i++) {
			columns.put(header.get(i), i);
		}
		CSVRecord record = CSVFormat.DEFAULT.parse(new StringReader(row)).getRecords().get(0);
		return RosterRow.read(record, columns);
	}

}
