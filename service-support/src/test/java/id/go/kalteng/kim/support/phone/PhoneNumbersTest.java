package id.go.kalteng.kim.support.phone;

import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumbersTest {

	@ParameterizedTest
	@ValueSource(strings = { "081234567890", "0812-3456-7890", "0812 3456 7890", "6281234567890", "+62 812 3456 7890",
			"+62-812-3456-7890", "(0812) 3456-7890", "+6281234567890" })
	void everyLocalWayOfWritingANumberGivesTheSameE164(String written) {
		assertThat(PhoneNumbers.normaliseMobile(written)).contains("+6281234567890");
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "12345", "not a phone", "+14155552671", "0812", "+62", "08123456789012345678" })
	void somethingThatIsNoIndonesianNumberIsRefused(String raw) {
		assertThat(PhoneNumbers.normalise(raw)).isEmpty();
	}

	@Test
	void aLandlineIsAnIndonesianNumberButNotAMobileOne() {
		assertThat(PhoneNumbers.normalise("0536-3221000")).contains("+625363221000");
		assertThat(PhoneNumbers.normaliseMobile("0536-3221000")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "0812", "12345", "not a number", "0536 3221 000", "+1 202 555 0143", "+60 12 345 6789",
			"021-5551234" })
	void anythingButAnIndonesianMobileNumberIsRefused(String written) {
		assertThat(PhoneNumbers.normaliseMobile(written)).isEmpty();
	}

	static Stream<Arguments> writtenNumbers() {
		// Telkomsel/Indosat/XL ranges libphonenumber knows as mobile: 81x, 85x, 87x
		String[] operators = { "11", "12", "13", "21", "22", "52", "53", "57", "58", "77", "78" };
		String[] prefixes = { "0", "62", "+62", "+62 ", "+62-" };
		String[] separators = { "", " ", "-", "." };
		return LongStream.range(0, 500).mapToObj((seed) -> {
			Random random = new Random(seed);
			StringBuilder subscriber = new StringBuilder(operators[random.nextInt(operators.length)]);
			for (int i = 0; i < 8; i++) {
				subscriber.append(random.nextInt(10));
			}
			return Arguments.of(seed, subscriber.toString(), prefixes[random.nextInt(prefixes.length)],
					separators[random.nextInt(separators.length)]);
		});
	}

	@ParameterizedTest(name = "seed {0}: {2}8{1} with \"{3}\"")
	@MethodSource("writtenNumbers")
	void separatorsAndPrefixesNeverChangeTheNumber(long seed, String subscriber, String prefix, String separator) {
		String national = "8" + subscriber;
		String written = prefix + national.substring(0, 3) + separator + national.substring(3, 7) + separator
				+ national.substring(7);
		assertThat(PhoneNumbers.normaliseMobile(written)).contains("+62" + national);
	}

}
