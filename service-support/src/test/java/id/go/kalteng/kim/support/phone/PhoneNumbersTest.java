package id.go.kalteng.kim.support.phone;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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

	@Property(tries = 500)
	void separatorsAndPrefixesNeverChangeTheNumber(@ForAll("subscriber") String subscriber,
			@ForAll("prefix") String prefix, @ForAll("separator") String separator) {
		String national = "8" + subscriber;
		String written = prefix + national.substring(0, 3) + separator + national.substring(3, 7) + separator
				+ national.substring(7);
		assertThat(PhoneNumbers.normaliseMobile(written)).contains("+62" + national);
	}

	@Provide
	Arbitrary<String> subscriber() {
		// Telkomsel/Indosat/XL ranges libphonenumber knows as mobile: 81x, 85x, 87x
		Arbitrary<String> operator = Arbitraries.of("11", "12", "13", "21", "22", "52", "53", "57", "58", "77", "78");
		return Combinators.combine(operator, Arbitraries.strings().numeric().ofLength(8)).as((op, rest) -> op + rest);
	}

	@Provide
	Arbitrary<String> prefix() {
		return Arbitraries.of("0", "62", "+62", "+62 ", "+62-");
	}

	@Provide
	Arbitrary<String> separator() {
		return Arbitraries.of("", " ", "-", ".");
	}

}
