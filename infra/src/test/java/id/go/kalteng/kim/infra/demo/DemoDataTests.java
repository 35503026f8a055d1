package id.go.kalteng.kim.infra.demo;

import java.util.List;
import java.util.Set;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import id.go.kalteng.kim.infra.demo.DemoGroup.DemoMember;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataTests {

	private static final Set<String> KABUPATEN = Set.of("62.01", "62.02", "62.03", "62.04", "62.05", "62.06", "62.07",
			"62.08", "62.09", "62.10", "62.11", "62.12", "62.13", "62.71");

	private final List<DemoGroup> groups = DemoData.groups();

	private final List<DemoMember> members = this.groups.stream().flatMap((group) -> group.members().stream()).toList();

	@Test
	void everyGroupIsBigEnoughToBeActiveAndHasItsOfficers() {
		assertThat(this.groups).hasSizeGreaterThanOrEqualTo(4).allSatisfy((group) -> {
			assertThat(group.members()).hasSizeBetween(3, 8);
			assertThat(group.members()).extracting(DemoMember::role)
				.containsOnlyOnce("KETUA", "SEKRETARIS", "BENDAHARA");
			assertThat(group.kabupaten()).isIn(KABUPATEN);
			assertThat(group.setting()).isIn("PERKOTAAN", "PERDESAAN");
		});
		assertThat(this.groups).extracting(DemoGroup::key).doesNotHaveDuplicates();
	}

	@Test
	void everyPhoneIsADistinctIndonesianMobileNumber() {
		PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

		assertThat(this.members).allSatisfy((member) -> {
			assertThat(member.phone()).matches("08\\d{2}-\\d{4}-\\d{4}");
			var number = phones.parse(member.phone(), "ID");
			assertThat(phones.isValidNumberForRegion(number, "ID")).as(member.phone()).isTrue();
			assertThat(phones.getNumberType(number)).as(member.phone()).isEqualTo(PhoneNumberType.MOBILE);
		});
		assertThat(this.members).extracting(DemoMember::phone).doesNotHaveDuplicates();
	}

	@Test
	void membersVaryAlongEveryTargetableDimension() {
		assertThat(this.members).extracting(DemoMember::gender).contains("PRIA", "WANITA");
		assertThat(this.members).extracting(DemoMember::ageGroup).contains("REMAJA", "DEWASA", "LANSIA");
		assertThat(this.members).extracting(DemoMember::occupation)
			.contains("PELAJAR", "MAHASISWA", "PEDAGANG", "PETANI", "NELAYAN", "LAINNYA");
		assertThat(this.members).extracting(DemoMember::whatsapp).contains(true, false);
		assertThat(this.groups).extracting(DemoGroup::setting).contains("PERKOTAAN", "PERDESAAN");
	}

}
