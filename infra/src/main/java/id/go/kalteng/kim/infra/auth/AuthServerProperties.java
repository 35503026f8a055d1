package id.go.kalteng.kim.infra.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the local issuer: where its signing key lives, how long tokens last and
 * which clients may ask for them.
 *
 * @param signingKeyFile the RSA key pair as a JWK; kept so tokens stay valid across
 * restarts
 * @param tokenTimeToLive lifetime of an access token
 * @param clientSecret the secret every configured client shares (demo clients only)
 * @param clients the clients and the claims their tokens carry
 */
@ConfigurationProperties("kim.auth")
public record AuthServerProperties(Path signingKeyFile, @DefaultValue("1h") Duration tokenTimeToLive,
		@Nullable String clientSecret, @DefaultValue List<Client> clients) {

	/**
	 * One client of the client-credentials grant and what its tokens say about it.
	 *
	 * @param id the client id, also the token's {@code sub} and
	 * {@code preferred_username}
	 * @param roles values of the {@code roles} claim
	 * @param kabupaten value of the {@code kabupaten} claim, for agencies
	 * @param groupFile a file holding the value of the {@code group} claim, read at issue
	 * time because the group is created after the issuer starts
	 */
	public record Client(String id, @DefaultValue List<String> roles, @Nullable String kabupaten,
			@Nullable Path groupFile) {
	}

}
