package id.go.kalteng.kim.support.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a missing or bad token (401) and a forbidden call (403) with problem+json too.
 */
class ProblemJsonAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		write(response, 401, "unauthorized", "Unauthorized",
				"A valid bearer token is required (POST /oauth2/token on the issuer)");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			org.springframework.security.access.AccessDeniedException ex) throws IOException {
		write(response, 403, "forbidden", "Forbidden", "Your role may not do this");
	}

	private static void write(HttpServletResponse response, int status, String type, String title, String detail)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter()
			.write("{\"type\":\"https://kim.kalteng.go.id/problems/" + type + "\",\"title\":\"" + title
					+ "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
	}

}
