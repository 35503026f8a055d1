package id.go.kalteng.kim.infra.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Puts into each access token what the gateway and services authorize on: the caller's
 * roles, an agency's kabupaten and a coordinator's group. The caller is the client for
 * the client-credentials grant, and the signed-in person for the console's
 * authorization-code grant ({@link DemoUsers}: a person named like a client gets that
 * client's claims). The console's ID token carries the same claims, so the console knows
 * the role without reading the access token.
 */
@Component
class ClientClaimsCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private static final Logger log = LoggerFactory.getLogger(ClientClaimsCustomizer.class);

	private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

	private final ConfiguredClients clients;

	ClientClaimsCustomizer(ConfiguredClients clients) {
		this.clients = clients;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
		if (!accessToken && !ID_TOKEN.equals(context.getTokenType())) {
			return;
		}
		String caller = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
				? context.getRegisteredClient().getClientId() : context.getPrincipal().getName();
		JwtClaimsSet.Builder claims = context.getClaims();
		claims.claim("preferred_username", caller);
		this.clients.find(caller).ifPresent((client) -> {
			if (!client.roles().isEmpty()) {
				claims.claim("roles", client.roles());
			}
			if (client.kabupaten() != null) {
				claims.claim("kabupaten", client.kabupaten());
			}
			if (client.groupFile() != null) {
				readGroup(client.groupFile()).ifPresent((group) -> claims.claim("group", group));
			}
		});
	}

	private Optional<String> readGroup(Path file) {
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(Files.readString(file).strip()).filter((group) -> !group.isEmpty());
		}
		catch (IOException ex) {
			log.warn("Cannot read the group claim from {}; issuing the token without it", file, ex);
			return Optional.empty();
		}
	}

}
