package id.go.kalteng.kim.console.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import id.go.kalteng.kim.console.ConsoleProperties;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Sign-in with the authorization-code flow and PKCE as a public client (the console holds
 * no client secret), sign-out at the issuer too (OIDC RP-initiated logout), CSRF on every
 * form and htmx request, and a Content-Security-Policy that allows no inline script or
 * style: the pages load htmx and the console's CSS from this origin only.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/** The registration id of the KIM issuer. */
	static final String REGISTRATION = "kim";

	@Bean
	SecurityFilterChain consoleSecurity(HttpSecurity http, ClientRegistrationRepository registrations,
			ConsoleProperties properties) {
		DefaultOAuth2AuthorizationRequestResolver authorizationRequests = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, "/oauth2/authorization");
		// PKCE always (a public client gets it anyway; this says so)
		authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		OidcClientInitiatedLogoutSuccessHandler signedOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
		signedOut.setPostLogoutRedirectUri(properties.publicUrl() + "/masuk?keluar");
		LoginUrlAuthenticationEntryPoint signIn = new LoginUrlAuthenticationEntryPoint("/masuk");
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/masuk", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/actuator/health",
					"/actuator/health/**", "/error")
			.permitAll()
			.anyRequest()
			.authenticated())
			.oauth2Login((login) -> login.loginPage("/masuk")
				.authorizationEndpoint((endpoint) -> endpoint.authorizationRequestResolver(authorizationRequests))
				.userInfoEndpoint((userInfo) -> userInfo.userAuthoritiesMapper(kimRoles()))
				.defaultSuccessUrl("/", true))
			.logout((logout) -> logout.logoutUrl("/keluar").logoutSuccessHandler(signedOut))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint((request, response, ex) -> {
				// an htmx request of an expired session: the whole page goes to sign-in
				if (request.getHeader("HX-Request") != null) {
					response.setHeader("HX-Redirect", request.getContextPath() + "/masuk");
					response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
					return;
				}
				signIn.commence(request, response, ex);
			}))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives(contentSecurityPolicy(properties)))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	/**
	 * No inline script or style, no eval, nothing from elsewhere; forms may go to this
	 * origin and, through the sign-out redirect, to the issuer.
	 */
	static String contentSecurityPolicy(ConsoleProperties properties) {
		return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
				+ "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self' "
				+ properties.issuerOrigin();
	}

	/**
	 * The KIM issuer without discovery at start-up, so the console starts before the
	 * issuer: the public client with PKCE, the issuer's endpoints below its URI.
	 */
	@Bean
	ClientRegistrationRepository clientRegistrations(ConsoleProperties properties) {
		String issuer = properties.issuerUri();
		ClientRegistration kim = ClientRegistration.withRegistrationId(REGISTRATION)
			.clientId(properties.clientId())
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(properties.publicUrl() + "/login/oauth2/code/" + REGISTRATION)
			.scope("openid", "profile")
			.authorizationUri(issuer + "/oauth2/authorize")
			.tokenUri(issuer + "/oauth2/token")
			.jwkSetUri(issuer + "/oauth2/jwks")
			.issuerUri(issuer)
			.userNameAttributeName(IdTokenClaimNames.SUB)
			.providerConfigurationMetadata(Map.of("end_session_endpoint", issuer + "/connect/logout"))
			.clientName("KIM")
			.build();
		return new InMemoryClientRegistrationRepository(kim);
	}

	/** The user's tokens live in the user's session and go with it. */
	@Bean
	OAuth2AuthorizedClientRepository authorizedClientRepository() {
		return new HttpSessionOAuth2AuthorizedClientRepository();
	}

	/**
	 * Hands out the signed-in user's access token ({@code AccessTokens}); a lapsed one is
	 * answered 401 by the gateway, and the console then signs the user in again.
	 */
	@Bean
	OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientRepository authorizedClients) {
		DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations,
				authorizedClients);
		manager.setAuthorizedClientProvider(
				OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
		return manager;
	}

	/**
	 * The issuer's {@code roles} claim (in the ID token) as {@code ROLE_} authorities.
	 */
	private static GrantedAuthoritiesMapper kimRoles() {
		return (authorities) -> {
			List<GrantedAuthority> mapped = new ArrayList<>(authorities);
			for (GrantedAuthority authority : authorities) {
				if (authority instanceof OidcUserAuthority oidc) {
					Object roles = oidc.getIdToken().getClaims().get(ConsoleUser.ROLES_CLAIM);
					if (roles instanceof Collection<?> list) {
						list.forEach((role) -> mapped.add(new SimpleGrantedAuthority("ROLE_" + role)));
					}
				}
			}
			return mapped;
		};
	}

}
