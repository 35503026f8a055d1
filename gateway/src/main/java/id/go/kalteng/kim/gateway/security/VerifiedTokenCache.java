package id.go.kalteng.kim.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens the wrapped decoder has verified, keyed by their exact string, so a
 * client's repeated calls cost one RSA signature check per token instead of one per
 * request (it was a third of the gateway's CPU time per proxied request).
 * <p>
 * Only a token the delegate accepted (signature, issuer, timestamps) is remembered, and
 * only until the earlier of its {@code exp} and {@code maxAge} after verification: at or
 * after {@code exp} the cache never answers and the delegate decides again (and refuses
 * it). A token without {@code exp} is never remembered. Failures are never remembered. A
 * signing key the issuer withdraws keeps its already verified tokens valid here for at
 * most {@code maxAge}; each service validates the token again on its own.
 */
public final class VerifiedTokenCache implements JwtDecoder {

	private final JwtDecoder delegate;

	private final Clock clock;

	private final Duration maxAge;

	private final Cache<String, Verified> verified;

	public VerifiedTokenCache(JwtDecoder delegate, Clock clock, Duration maxAge, long maximumSize) {
		this.delegate = delegate;
		this.clock = clock;
		this.maxAge = maxAge;
		// maintenance on the calling thread: no hand-off to the common pool per request
		this.verified = Caffeine.newBuilder().maximumSize(maximumSize).executor(Runnable::run).build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Instant now = this.clock.instant();
		Verified known = this.verified.getIfPresent(token);
		if (known != null) {
			if (now.isBefore(known.until())) {
				return known.jwt();
			}
			this.verified.invalidate(token);
		}
		Jwt jwt = this.delegate.decode(token);
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt != null) {
			Instant until = min(expiresAt, now.plus(this.maxAge));
			if (now.isBefore(until)) {
				this.verified.put(token, new Verified(jwt, until));
			}
		}
		return jwt;
	}

	/** Tokens remembered right now (for tests and diagnostics). */
	long size() {
		this.verified.cleanUp();
		return this.verified.estimatedSize();
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private record Verified(Jwt jwt, Instant until) {
	}

}
