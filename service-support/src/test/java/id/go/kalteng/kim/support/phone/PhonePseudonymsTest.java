package id.go.kalteng.kim.support.phone;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PhonePseudonymsTest {

	static final String KEY = "a-test-key-that-is-long-enough-for-hmac";

	@Test
	void everyWayOfWritingANumberGivesOneId() {
		PhonePseudonyms pseudonyms = new PhonePseudonyms(KEY);
		assertThat(pseudonyms.of("0812-3456-7890")).isEqualTo(pseudonyms.of("+6281234567890"))
			.isEqualTo(pseudonyms.of("6281234567890"))
			.hasSize(43)
			.doesNotContain("81234567890");
		assertThat(pseudonyms.of("0812-3456-7891")).isNotEqualTo(pseudonyms.of("0812-3456-7890"));
	}

	@Test
	void theIdIsTheStandardHmacOfTheE164Number() throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String expected = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(mac.doFinal("+6281234567890".getBytes(StandardCharsets.UTF_8)));
		assertThat(new PhonePseudonyms(KEY).of("0812 3456 7890")).isEqualTo(expected);
	}

	@Test
	void anotherKeyGivesAnotherId() {
		assertThat(new PhonePseudonyms(KEY).of("+6281234567890"))
			.isNotEqualTo(new PhonePseudonyms(KEY + "-rotated").of("+6281234567890"));
	}

	@Test
	void aMissingOrShortKeyStopsTheServiceFromStarting() {
		assertThatIllegalStateException().isThrownBy(() -> new PhonePseudonyms(""))
			.withMessageContaining("KIM_PHONE_HASH_KEY is not set");
		assertThatIllegalStateException().isThrownBy(() -> new PhonePseudonyms(null));
		assertThatIllegalStateException().isThrownBy(() -> new PhonePseudonyms("short"))
			.withMessageContaining("too short");
	}

}
