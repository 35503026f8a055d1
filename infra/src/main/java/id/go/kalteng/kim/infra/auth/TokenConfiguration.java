package id.go.kalteng.kim.infra.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What signs the tokens and how client secrets are checked; the issuer URI itself comes
 * from Boot's {@code spring.security.oauth2.authorizationserver.issuer}.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

	/*
	 * The demo secret is printed by ./kim, so a costly hash protects nothing here; the
	 * lowest bcrypt cost keeps a token request at a few milliseconds instead of ~200 ms
	 * on the reduced JIT the launcher runs this process with, and secrets still never sit
	 * in memory in plain text.
	 */
	private static final int BCRYPT_COST = 4;

	@Bean
	PasswordEncoder clientSecretEncoder() {
		return new BCryptPasswordEncoder(BCRYPT_COST);
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(AuthServerProperties properties) {
		return new ImmutableJWKSet<>(new JWKSet(SigningKeyFile.loadOrCreate(properties.signingKeyFile())));
	}

}
