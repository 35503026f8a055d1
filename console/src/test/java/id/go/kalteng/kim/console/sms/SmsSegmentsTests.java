package id.go.kalteng.kim.console.sms;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmsSegmentsTests {

	@Test
	void emptyTextIsNoSegment() {
		assertThat(SmsSegments.of("")).isEqualTo(new SmsSegments("GSM-7", 0, 0, 160, 160));
		assertThat(SmsSegments.of(null).segments()).isZero();
	}

	@Test
	void plainBahasaTextIsGsm7Of160PerSegment() {
		assertThat(SmsSegments.of("a".repeat(160))).isEqualTo(new SmsSegments("GSM-7", 160, 1, 160, 0));
		// concatenated: 153 per part
		assertThat(SmsSegments.of("a".repeat(161))).isEqualTo(new SmsSegments("GSM-7", 161, 2, 153, 145));
		assertThat(SmsSegments.of("a".repeat(306)).segments()).isEqualTo(2);
		assertThat(SmsSegments.of("a".repeat(307)).segments()).isEqualTo(3);
	}

	@Test
	void extensionCharactersTakeTwoSeptets() {
		SmsSegments euro = SmsSegments.of("Harga €5 [diskon]");
		assertThat(euro.encoding()).isEqualTo("GSM-7");
		assertThat(euro.units()).isEqualTo(17 + 3);
		assertThat(SmsSegments.of("{".repeat(80))).isEqualTo(new SmsSegments("GSM-7", 160, 1, 160, 0));
		assertThat(SmsSegments.of("{".repeat(81)).segments()).isEqualTo(2);
	}

	@Test
	void anyCharacterOutsideGsm7MakesTheWholeTextUcs2() {
		assertThat(SmsSegments.of("Banjir “siaga”")).isEqualTo(new SmsSegments("UCS-2", 14, 1, 70, 56));
		assertThat(SmsSegments.of("x".repeat(69) + "’").segments()).isEqualTo(1);
		assertThat(SmsSegments.of("x".repeat(70) + "’")).isEqualTo(new SmsSegments("UCS-2", 71, 2, 67, 63));
	}

	@Test
	void anEmojiIsTwoUcs2Units() {
		assertThat(SmsSegments.of("Awas 🌊").units()).isEqualTo(7);
	}

}
