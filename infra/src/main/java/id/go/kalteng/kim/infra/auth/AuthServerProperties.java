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
 * @param users the clients that people may also sign in as with a password (the demo
 * secret), through the authorization-code flow of the console: the same subject, roles
 * and claims as the client of that name
 * @param console the console's public client, if the console may sign people in
 */
@ConfigurationProperties("kim.auth")
public record AuthServerProperties(Path signingKeyFile, @DefaultValue("1h") Duration tokenTimeToLive,
		@Nullable String clientSecret, @DefaultValue List<Client> clients, @DefaultValue List<String> users,
		@Nullable ConsoleClient console) {

	/**
	 * The operations console as a public client: the authorization-code grant with PKCE
	 * and no client secret; it may only send people back to the addresses listed.
	 *
	 * @param id the client id
	 * @param redirectUris where the issuer may send the authorization code
	 * @param postLogoutRedirectUris where the issuer may send the user after signing out
	 */
	public record ConsoleClient(@DefaultValue("kim-console") String id, @DefaultValue List<String> redirectUris,
			@DefaultValue List<String> postLogoutRedirectUris) {
	}

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
