package id.go.kalteng.kim.infra.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The clients from {@link AuthServerProperties}, registered for the client-credentials
 * grant, and what their tokens should say. Not Spring's in-memory repository: that one
 * refuses two clients with the same secret, and the demo clients share theirs on purpose.
 * The demo secret is published, so an issuer that would hand out tokens for it beyond
 * this machine does not start.
 */
@Component
class ConfiguredClients implements RegisteredClientRepository {

	/** The demo clients' secret as the READMEs print it. */
	static final String PUBLISHED_DEMO_SECRET = "kim-demo";

	private final Map<String, AuthServerProperties.Client> configured;

	private final Map<String, RegisteredClient> registered = new ConcurrentHashMap<>();

	ConfiguredClients(AuthServerProperties properties, PasswordEncoder secretEncoder, Environment environment) {
		Assert.state(!properties.clients().isEmpty(),
				"No OAuth2 clients configured: run with the 'local' profile or set kim.auth.clients");
		Assert.state(StringUtils.hasText(properties.clientSecret()), "kim.auth.client-secret is not set");
		requireUnpublishedBeyondLoopback(properties.clientSecret(), environment.getProperty("server.address"));
		this.configured = properties.clients()
			.stream()
			.collect(Collectors.toUnmodifiableMap(AuthServerProperties.Client::id, Function.identity()));
		String secret = secretEncoder.encode(properties.clientSecret());
		properties.clients()
			.forEach((client) -> this.registered.put(client.id(), register(client, secret, properties)));
		if (properties.console() != null) {
			Assert.state(!properties.console().redirectUris().isEmpty(),
					"kim.auth.console.redirect-uris is empty: the console could not be sent back after sign-in");
			Assert.state(!this.configured.containsKey(properties.console().id()),
					"kim.auth.console.id names a configured client: " + properties.console().id());
			this.registered.put(properties.console().id(), registerConsole(properties.console(), properties));
		}
	}

	/**
	 * Anyone who can reach the issuer and knows the published secret can mint OPERATOR
	 * tokens: that secret is only good on a loopback address.
	 * @param secret the configured client secret
	 * @param bindAddress {@code server.address}; blank means every interface
	 */
	static void requireUnpublishedBeyondLoopback(String secret, @Nullable String bindAddress) {
		if (!PUBLISHED_DEMO_SECRET.equals(secret) || isLoopback(bindAddress)) {
			return;
		}
		throw new IllegalStateException("The demo clients' secret is the published '" + PUBLISHED_DEMO_SECRET
				+ "' and the issuer would listen on "
				+ (StringUtils.hasText(bindAddress) ? bindAddress : "every interface")
				+ ": anyone on the network could mint OPERATOR tokens. Bind to 127.0.0.1 (KIM_BIND_ADDRESS) or set"
				+ " KIM_DEMO_CLIENT_SECRET to a secret of your own (./kim generates one in .kim/data/secrets when KIM_BIND_ADDRESS is not loopback)");
	}

	private static boolean isLoopback(@Nullable String bindAddress) {
		if (!StringUtils.hasText(bindAddress)) {
			return false;
		}
		try {
			return InetAddress.getByName(bindAddress).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	Optional<AuthServerProperties.Client> find(String clientId) {
		return Optional.ofNullable(this.configured.get(clientId));
	}

	@Override
	public void save(RegisteredClient client) {
		this.registered.put(client.getClientId(), client);
	}

	@Override
	public @Nullable RegisteredClient findById(String id) {
		return this.registered.values().stream().filter((client) -> client.getId().equals(id)).findFirst().orElse(null);
	}

	@Override
	public @Nullable RegisteredClient findByClientId(String clientId) {
		return this.registered.get(clientId);
	}

	/**
	 * The console: a public client (no secret, so PKCE is required), the
	 * authorization-code grant only, no consent screen (it is the platform's own
	 * console), OIDC for sign-out.
	 */
	private static RegisteredClient registerConsole(AuthServerProperties.ConsoleClient console,
			AuthServerProperties properties) {
		RegisteredClient.Builder builder = RegisteredClient
			.withId(UUID.nameUUIDFromBytes(console.id().getBytes(StandardCharsets.UTF_8)).toString())
			.clientId(console.id())
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.tokenTimeToLive()).build());
		console.redirectUris().forEach(builder::redirectUri);
		console.postLogoutRedirectUris().forEach(builder::postLogoutRedirectUri);
		return builder.build();
	}

	private static RegisteredClient register(AuthServerProperties.Client client, String secret,
			AuthServerProperties properties) {
		return RegisteredClient.withId(UUID.nameUUIDFromBytes(client.id().getBytes(StandardCharsets.UTF_8)).toString())
			.clientId(client.id())
			.clientSecret(secret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.tokenTimeToLive()).build())
			.build();
	}

}
