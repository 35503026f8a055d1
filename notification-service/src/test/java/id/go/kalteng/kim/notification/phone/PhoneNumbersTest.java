package id.go.kalteng.kim.notification.phone;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTest {

	@ParameterizedTest
	@ValueSource(strings = { "+6281234567890", "081234567890", "0812-3456-7890", "0812 3456 7890", "6281234567890",
			"+62 812 3456 7890", "+62-812-3456-7890", " 081234567890 " })
	void everyCommonShapeOfAnIndonesianNumberNormalisesToE164(String raw) {
		assertThat(PhoneNumbers.normalise(raw)).contains("+6281234567890");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "12345", "not a phone", "+14155552671", "0812", "+62", "08123456789012345678" })
	void somethingThatIsNoIndonesianNumberIsRefused(String raw) {
		assertThat(PhoneNumbers.normalise(raw)).isEmpty();
	}

}
