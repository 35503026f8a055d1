package id.go.kalteng.kim.support.web;

import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.IdempotencyKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ETagsAndIdempotencyKeysTest {

	@Test
	void currentVersionMatchesAndAnOlderOneDoesNot() {
		assertThatNoException().isThrownBy(() -> ETags.checkIfMatch("\"4\"", 4));
		assertThatNoException().isThrownBy(() -> ETags.checkIfMatch("W/\"4\"", 4));
		assertThatNoException().isThrownBy(() -> ETags.checkIfMatch("\"3\", \"4\"", 4));
		assertThatNoException().isThrownBy(() -> ETags.checkIfMatch("*", 4));
		assertThatNoException().isThrownBy(() -> ETags.checkIfMatch(null, 4));
		assertThatThrownBy(() -> ETags.checkIfMatch("\"3\"", 4)).isInstanceOf(DomainException.class)
			.extracting((ex) -> ProblemDetailsAdvice.statusOf(((DomainException) ex).kind()).value())
			.isEqualTo(412);
	}

	@Test
	void sameCallerAndKeyGiveTheSameIdAndOthersDoNot() {
		String id = IdempotencyKeys.idFor("group", "operator-1", "k-1");
		assertThat(IdempotencyKeys.idFor("group", "operator-1", "k-1")).isEqualTo(id);
		assertThat(IdempotencyKeys.idFor("group", "operator-2", "k-1")).isNotEqualTo(id);
		assertThat(IdempotencyKeys.idFor("broadcast", "operator-1", "k-1")).isNotEqualTo(id);
		assertThat(IdempotencyKeys.idFor("group", "operator-1", null))
			.isNotEqualTo(IdempotencyKeys.idFor("group", "operator-1", null));
	}

	@Test
	void blankOrHugeKeyIsRefused() {
		assertThatThrownBy(() -> IdempotencyKeys.idFor("group", "operator-1", " ")).isInstanceOf(DomainException.class);
		assertThatThrownBy(() -> IdempotencyKeys.idFor("group", "operator-1", "x".repeat(256)))
			.isInstanceOf(DomainException.class);
	}

}
