package id.go.kalteng.kim.console;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the console is reached and what it talks to.
 *
 * @param publicUrl the console's address as the browser sees it (through the gateway),
 * without a trailing slash; the issuer sends the user back below it
 * @param gatewayUrl where the console calls the public API
 * @param issuerUri the OAuth2 issuer (its {@code iss}, authorization and token endpoints)
 * @param clientId the console's public client at the issuer (no secret: PKCE)
 * @param liveTimeout how long one live progress stream of a browser is kept open; the
 * browser reconnects after it
 */
@ConfigurationProperties("kim.console")
public record ConsoleProperties(@DefaultValue("http://localhost:8080/console") String publicUrl,
		@DefaultValue("http://localhost:8080") String gatewayUrl,
		@DefaultValue("http://localhost:9000") String issuerUri, @DefaultValue("kim-console") String clientId,
		@DefaultValue("10m") Duration liveTimeout) {

	/** The issuer's origin (scheme, host, port), for the Content-Security-Policy. */
	public String issuerOrigin() {
		URI uri = URI.create(this.issuerUri);
		return uri.getScheme() + "://" + uri.getAuthority();
	}

}
