package id.go.kalteng.kim.infra.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Operator tokens the platform must refuse, each wrong in one way only: expired, from
 * another issuer (both signed with the installation's own key, read from
 * {@code KIM_HOME/data/auth/signing-key.json}), or signed by a key nobody trusts.
 */
final class ForgedTokens {

	private final RSAKey trusted;

	private final RSAKey untrusted;

	private final String issuer;

	ForgedTokens(Path kimHome, String issuer) throws IOException, ParseException, JOSEException {
		this.trusted = RSAKey.parse(Files.readString(kimHome.resolve("data/auth/signing-key.json")));
		// same key id as the trusted key: the signature, not a missing key, is what fails
		this.untrusted = new RSAKeyGenerator(2048).keyID(this.trusted.getKeyID()).generate();
		this.issuer = issuer;
	}

	String expired() throws JOSEException {
		Instant now = Instant.now();
		return sign(this.trusted, this.issuer, now.minusSeconds(7200), now.minusSeconds(3600));
	}

	String wrongIssuer() throws JOSEException {
		Instant now = Instant.now();
		return sign(this.trusted, "https://issuer.example.invalid", now, now.plusSeconds(3600));
	}

	String untrustedKey() throws JOSEException {
		Instant now = Instant.now();
		return sign(this.untrusted, this.issuer, now, now.plusSeconds(3600));
	}

	private static String sign(RSAKey key, String issuer, Instant issuedAt, Instant expiresAt) throws JOSEException {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("operator-1")
			.issuer(issuer)
			.claim("preferred_username", "operator-1")
			.claim("roles", List.of("OPERATOR"))
			.issueTime(Date.from(issuedAt))
			.notBeforeTime(Date.from(issuedAt))
			.expirationTime(Date.from(expiresAt))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

}
