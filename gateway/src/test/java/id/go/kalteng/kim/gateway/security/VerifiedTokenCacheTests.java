package id.go.kalteng.kim.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class VerifiedTokenCacheTests {

	private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

	private final MutableClock clock = new MutableClock(T0);

	private final FakeIssuerKey delegate = new FakeIssuerKey(this.clock);

	private final VerifiedTokenCache cache = new VerifiedTokenCache(this.delegate, this.clock, Duration.ofMinutes(5),
			100);

	@Test
	void aVerifiedTokenIsNotVerifiedAgainWhileValid() {
		String token = this.delegate.issue("operator-1", T0.plusSeconds(3600));

		Jwt first = this.cache.decode(token);
		Jwt second = this.cache.decode(token);

		assertThat(second).isSameAs(first);
		assertThat(this.delegate.verified).containsExactly(token);
	}

	@Test
	void aTokenIsRefusedFromItsExpiryOnEvenIfRemembered() {
		String token = this.delegate.issue("operator-1", T0.plusSeconds(120));
		this.cache.decode(token);

		this.clock.now = T0.plusSeconds(120);

		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> this.cache.decode(token));
		assertThat(this.delegate.verified).containsExactly(token, token);
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void aRememberedTokenIsVerifiedAgainAfterTheMaximumAge() {
		String token = this.delegate.issue("operator-1", T0.plusSeconds(3600));
		this.cache.decode(token);

		this.clock.now = T0.plus(Duration.ofMinutes(5));
		this.cache.decode(token);

		assertThat(this.delegate.verified).containsExactly(token, token);
	}

	@Test
	void aRefusedTokenIsNeverRemembered() {
		String forged = this.delegate.issue("operator-1", T0.plusSeconds(3600)) + "x";

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.cache.decode(forged));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.cache.decode(forged));

		assertThat(this.delegate.verified).containsExactly(forged, forged);
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void anotherStringWithTheSameClaimsIsVerifiedOnItsOwn() {
		String token = this.delegate.issue("operator-1", T0.plusSeconds(3600));
		this.cache.decode(token);
		String tampered = token + "x";

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.cache.decode(tampered));
		assertThat(this.delegate.verified).containsExactly(token, tampered);
	}

	@Test
	void aTokenWithoutExpiryIsNeverRemembered() {
		String token = this.delegate.issue("operator-1", null);

		this.cache.decode(token);
		this.cache.decode(token);

		assertThat(this.delegate.verified).containsExactly(token, token);
	}

	@Test
	void theCacheHoldsNoMoreThanItsMaximumSize() {
		for (int i = 0; i < 300; i++) {
			this.cache.decode(this.delegate.issue("client-" + i, T0.plusSeconds(3600)));
		}

		assertThat(this.cache.size()).isLessThanOrEqualTo(100);
	}

	/**
	 * Stands for signature and timestamp checking: accepts only strings it issued itself,
	 * and refuses them from their expiry on; records every string it was asked to verify.
	 */
	static final class FakeIssuerKey implements JwtDecoder {

		private final Clock clock;

		private final Map<String, Jwt> issued = new HashMap<>();

		final List<String> verified = new ArrayList<>();

		FakeIssuerKey(Clock clock) {
			this.clock = clock;
		}

		String issue(String subject, Instant expiresAt) {
			String token = "token-" + this.issued.size() + "-" + subject;
			Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject(subject).issuedAt(T0);
			if (expiresAt != null) {
				jwt.expiresAt(expiresAt);
			}
			this.issued.put(token, jwt.build());
			return token;
		}

		@Override
		public Jwt decode(String token) {
			this.verified.add(token);
			Jwt jwt = this.issued.get(token);
			if (jwt == null) {
				throw new BadJwtException("signature does not match");
			}
			if (jwt.getExpiresAt() != null && !this.clock.instant().isBefore(jwt.getExpiresAt())) {
				throw new JwtValidationException("expired", List.of(new OAuth2Error("invalid_token")));
			}
			return jwt;
		}

	}

	static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
