package id.go.kalteng.kim.notification.optout;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class InboundKeywordTest {

	@ParameterizedTest
	@ValueSource(strings = { "STOP", "stop", " Stop ", "BERHENTI", "berhenti", "\tBerhenti\n" })
	void stopAndBerhentiOptOutWhateverTheirCaseAndSpacing(String text) {
		assertThat(InboundKeyword.parse(text)).contains(InboundKeyword.OPT_OUT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "START", "start", " Mulai ", "MULAI" })
	void startAndMulaiOptBackIn(String text) {
		assertThat(InboundKeyword.parse(text)).contains(InboundKeyword.OPT_IN);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "tolong stop", "STOPP", "ST OP", "terima kasih", "berhenti dulu" })
	void anyOtherReplyIsNoKeyword(String text) {
		assertThat(InboundKeyword.parse(text)).isEmpty();
	}

}
