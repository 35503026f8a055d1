package id.go.kalteng.kim.infra.auth;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * Opens the token, key-set, discovery, authorization and sign-out endpoints, the sign-in
 * page of the console's users ({@link DemoUsers}, {@link LoginPage}) and the health
 * probe, and nothing else. Machine clients use the token endpoint as before; a browser
 * that reaches the authorization endpoint without a session is sent to sign in.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) {
		http.oauth2AuthorizationServer((authorizationServer) -> {
			http.securityMatcher(authorizationServer.getEndpointsMatcher());
			authorizationServer.oidc(withDefaults());
		});
		http.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated());
		// a person at the authorization endpoint signs in first
		http.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
				new LoginUrlAuthenticationEntryPoint(LoginPage.PATH),
				new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		// the OIDC user-info endpoint accepts the issuer's own access tokens
		http.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(withDefaults()));
		return http.build();
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	SecurityFilterChain everythingElse(HttpSecurity http, AuthServerProperties properties) {
		http.authorizeHttpRequests((authorize) -> authorize
			.requestMatchers("/actuator/health/**", "/actuator/health", LoginPage.PATH, "/error")
			.permitAll()
			.anyRequest()
			.denyAll())
			.formLogin((login) -> login.loginPage(LoginPage.PATH).permitAll())
			// only the authorization endpoint sends people to sign in; anything else
			// stays
			// closed
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'none'; form-action 'self'"
						+ consoleOrigins(properties) + "; frame-ancestors 'none'; base-uri 'none'")));
		return http.build();
	}

	/**
	 * The sign-in form's redirects end at the console (browsers hold them to
	 * {@code form-action}): the origins of its redirect URIs.
	 */
	static String consoleOrigins(AuthServerProperties properties) {
		if (properties.console() == null) {
			return "";
		}
		Set<String> origins = new LinkedHashSet<>();
		for (String uri : properties.console().redirectUris()) {
			URI parsed = URI.create(uri);
			origins.add(parsed.getScheme() + "://" + parsed.getRawAuthority());
		}
		return origins.stream().map((origin) -> " " + origin).collect(Collectors.joining());
	}

}
