package id.go.kalteng.kim.gateway.ratelimit;

import java.io.IOException;
import java.time.Duration;

import id.go.kalteng.kim.gateway.security.Problems;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits each client (JWT {@code sub}, or the remote address when anonymous) to a number
 * of requests per second with a Resilience4j {@link RateLimiter}; excess calls get 429
 * problem+json with {@code Retry-After}. Actuator endpoints are not limited.
 */
public class RateLimitFilter extends OncePerRequestFilter {

	private final RateLimiterRegistry registry;

	public RateLimitFilter(RateLimitProperties properties) {
		this.registry = RateLimiterRegistry.of(RateLimiterConfig.custom()
			.limitForPeriod(properties.requestsPerSecond())
			.limitRefreshPeriod(Duration.ofSeconds(1))
			.timeoutDuration(Duration.ZERO)
			.build());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getRequestURI().startsWith("/actuator/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RateLimiter limiter = this.registry.rateLimiter(clientKey(request));
		if (limiter.acquirePermission()) {
			chain.doFilter(request, response);
			return;
		}
		response.setHeader(HttpHeaders.RETRY_AFTER, "1");
		Problems.write(response, 429, "too-many-requests", "Too Many Requests",
				"More than the allowed requests per second from this client; retry after the indicated seconds");
	}

	private static String clientKey(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken jwt && jwt.getName() != null) {
			return "sub:" + jwt.getName();
		}
		return "ip:" + request.getRemoteAddr();
	}

}
