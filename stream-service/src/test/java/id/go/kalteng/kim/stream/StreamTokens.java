package id.go.kalteng.kim.stream;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Real signed bearer tokens for calls over HTTP (an SSE stream is read as a client reads
 * it, not through MockMvc), shaped like the local issuer's, verified with a test key.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StreamTokens {

	private static final KeyPair KEYS = keys();

	@Bean
	JwtDecoder jwtDecoder() {
		return NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
	}

	public static String agency(String kabupaten) {
		return sign(new JWTClaimsSet.Builder().subject("agency-" + kabupaten.replace(".", ""))
			.claim("roles", List.of("AGENCY"))
			.claim("kabupaten", kabupaten));
	}

	public static String operator() {
		return sign(new JWTClaimsSet.Builder().subject("operator-1").claim("roles", List.of("OPERATOR")));
	}

	public static String coordinator() {
		return sign(new JWTClaimsSet.Builder().subject("coordinator-demo")
			.claim("roles", List.of("COORDINATOR"))
			.claim("group", "g-1"));
	}

	private static String sign(JWTClaimsSet.Builder claims) {
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256),
				claims.issueTime(java.util.Date.from(Instant.now()))
					.expirationTime(java.util.Date.from(Instant.now().plusSeconds(3600)))
					.build());
		try {
			jwt.sign(new RSASSASigner(KEYS.getPrivate()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static KeyPair keys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
