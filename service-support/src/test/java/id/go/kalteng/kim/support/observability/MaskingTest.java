package id.go.kalteng.kim.support.observability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskingTest {

	@Test
	void phoneKeepsOnlyPrefixAndLastDigits() {
		assertThat(Masking.phone("+6281234567890")).isEqualTo("+62812*****890").doesNotContain("3456");
		assertThat(Masking.phone("123")).isEqualTo("***");
		assertThat(Masking.phone(null)).isEqualTo("***");
	}

	@Test
	void nameKeepsOnlyInitials() {
		assertThat(Masking.name("Siti Aminah")).isEqualTo("S*** A***");
		assertThat(Masking.name(" ")).isEqualTo("***");
	}

}
