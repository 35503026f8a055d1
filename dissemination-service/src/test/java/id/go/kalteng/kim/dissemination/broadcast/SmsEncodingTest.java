package id.go.kalteng.kim.dissemination.broadcast;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** GSM 03.38 and UCS-2 lengths and segments (3GPP TS 23.038). */
class SmsEncodingTest {

	@Test
	void plainIndonesianTextIsGsm7WithOneSegmentUpTo160() {
		assertThat(SmsEncoding.of("Debit Sungai Kahayan naik. Warga bantaran diminta waspada."))
			.isEqualTo(new SmsEncoding("GSM_7", 1, 58));
		assertThat(SmsEncoding.of("a".repeat(160))).isEqualTo(new SmsEncoding("GSM_7", 1, 160));
		assertThat(SmsEncoding.of("a".repeat(161))).isEqualTo(new SmsEncoding("GSM_7", 2, 161));
		assertThat(SmsEncoding.of("a".repeat(306))).isEqualTo(new SmsEncoding("GSM_7", 2, 306));
		assertThat(SmsEncoding.of("a".repeat(307))).isEqualTo(new SmsEncoding("GSM_7", 3, 307));
		assertThat(SmsEncoding.of("")).isEqualTo(new SmsEncoding("GSM_7", 0, 0));
	}

	@Test
	void extensionCharactersTakeTwoSeptetsAndAreNeverSplit() {
		assertThat(SmsEncoding.of("Harga €5 [promo] {x}")).isEqualTo(new SmsEncoding("GSM_7", 1, 25));
		assertThat(SmsEncoding.of("a".repeat(159) + "€")).isEqualTo(new SmsEncoding("GSM_7", 2, 161));
		// 152 septets, then an escape pair that does not fit the first segment's 153
		assertThat(SmsEncoding.of("a".repeat(152) + "€" + "a".repeat(10)).segments()).isEqualTo(2);
		assertThat(SmsEncoding.of("Rp 10.000 @ pasar: ÄÖÑÜ äöñü é è").encoding()).isEqualTo("GSM_7");
	}

	@Test
	void anythingOutsideGsm7GoesAsUcs2With70Or67PerSegment() {
		assertThat(SmsEncoding.of("Waspada banjir 🌊")).isEqualTo(new SmsEncoding("UCS_2", 1, 17));
		assertThat(SmsEncoding.of("â".repeat(70))).isEqualTo(new SmsEncoding("UCS_2", 1, 70));
		assertThat(SmsEncoding.of("â".repeat(71))).isEqualTo(new SmsEncoding("UCS_2", 2, 71));
		assertThat(SmsEncoding.of("â".repeat(134))).isEqualTo(new SmsEncoding("UCS_2", 2, 134));
		assertThat(SmsEncoding.of("â".repeat(135))).isEqualTo(new SmsEncoding("UCS_2", 3, 135));
		// a surrogate pair is not split: 66 units then an emoji of 2
		assertThat(SmsEncoding.of("â".repeat(66) + "🌊" + "â".repeat(10)).segments()).isEqualTo(2);
		assertThat(SmsEncoding.of("â".repeat(66) + "🌊" + "â".repeat(67)).segments()).isEqualTo(3);
	}

}
