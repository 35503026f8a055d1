package id.go.kalteng.kim.gateway.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the gateway's own actuator endpoints, health excepted, off its public port:
 * metrics, info and the endpoint list answer 404 problem+json to everyone, with or
 * without a token. Registered on the application's server only, so a management port
 * ({@code MANAGEMENT_SERVER_PORT}, on an internal interface) still serves them for
 * scraping.
 */
class PublicActuatorFilter extends OncePerRequestFilter {

	private static final String ACTUATOR = "/actuator";

	private static final String HEALTH = ACTUATOR + "/health";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isHiddenActuatorPath(pathOf(request))) {
			Problems.write(response, 404, "not-found", "Not found", "No such resource");
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean isHiddenActuatorPath(String path) {
		if (!path.equals(ACTUATOR) && !path.startsWith(ACTUATOR + "/")) {
			return false;
		}
		return !path.equals(HEALTH) && !path.startsWith(HEALTH + "/");
	}

	/** The decoded, normalised path the dispatcher will map, without the context path. */
	private static String pathOf(HttpServletRequest request) {
		String path = request.getServletPath();
		if (request.getPathInfo() != null) {
			path = path + request.getPathInfo();
		}
		return path;
	}

}
