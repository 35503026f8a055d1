package id.go.kalteng.kim.gateway.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import id.go.kalteng.kim.gateway.ratelimit.RateLimitFilter;
import id.go.kalteng.kim.gateway.ratelimit.RateLimitProperties;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Stateless JWT resource server: {@code /api/**} needs a KIM role, webhooks, health, API
 * docs and the console (which has its own sign-in) are open, other actuator endpoints are
 * not served on the public port; the rate limit runs after authorization. Tokens are
 * verified once and then remembered until they expire ({@link VerifiedTokenCache}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain gatewaySecurityFilterChain(HttpSecurity http, RateLimitProperties rateLimit,
			JwtDecoder jwtDecoder, TokenCacheProperties tokenCache) throws Exception {
		ProblemJsonSecurityHandler problems = new ProblemJsonSecurityHandler();
		JwtDecoder decoder = (tokenCache.maximumSize() > 0)
				? new VerifiedTokenCache(jwtDecoder, Clock.systemUTC(), tokenCache.maxAge(), tokenCache.maximumSize())
				: jwtDecoder;
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests
				// calendar feeds: calendar apps send no token; the secret in the URL
				// opens
				// a feed (activity-service checks it)
				// the console signs its users in itself (authorization code + PKCE) and
				// calls /api/** with their tokens
				.requestMatchers("/console", "/console/**")
				.permitAll()
				.requestMatchers("/webhooks/**", "/calendars/**", "/actuator/health/**", "/actuator/health",
						"/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error")
				.permitAll()
				// reaches this chain only on a management port: PublicActuatorFilter
				// answers 404 for these on the public one
				.requestMatchers("/actuator/**")
				.permitAll()
				.requestMatchers("/api/**")
				.hasAnyRole("OPERATOR", "AGENCY", "COORDINATOR")
				.anyRequest()
				.denyAll())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(jwtAuthenticationConverter()))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.addFilterAfter(new RateLimitFilter(rateLimit), AuthorizationFilter.class);
		return http.build();
	}

	/**
	 * No Micrometer observation per security filter, authentication and authorization:
	 * with them every proxied request started about a dozen observations (each a long
	 * task timer and tag set), a tenth of the gateway's CPU time. Requests stay measured
	 * as {@code http.server.requests}; failures still show as 401/403 there.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Refuses actuator paths other than health before Spring Security (order -100) sees
	 * them, so the answer is the same 404 with or without a token.
	 */
	@Bean
	FilterRegistrationBean<PublicActuatorFilter> publicActuatorFilter() {
		FilterRegistrationBean<PublicActuatorFilter> registration = new FilterRegistrationBean<>(
				new PublicActuatorFilter());
		registration.setOrder(-101);
		return registration;
	}

	private static JwtAuthenticationConverter jwtAuthenticationConverter() {
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(SecurityConfiguration::roles);
		return converter;
	}

	private static Collection<GrantedAuthority> roles(Jwt jwt) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		Object claim = jwt.getClaims().get("roles");
		if (claim instanceof Collection<?> roles) {
			roles.forEach((role) -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
		}
		else if (claim instanceof String role) {
			authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
		}
		return authorities;
	}

}
