package id.go.kalteng.kim.support.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers a request the security firewall refuses (a path with {@code %00}, {@code ..},
 * an encoded slash, a forbidden header value) with a 400 problem naming the path.
 */
class ProblemJsonRequestRejectedHandler implements RequestRejectedHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemJsonRequestRejectedHandler.class);

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException requestRejectedException) throws IOException {
		log.debug("Request refused by the firewall: {}", requestRejectedException.getMessage());
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write("{\"type\":\"" + Problems.TYPE_BASE + "validation\",\"title\":\"Invalid request\",\"status\":400,"
					+ "\"detail\":\"The request path or a header has characters that are not allowed "
					+ "(an encoded slash, percent, dot or NUL, '..', ';', or a control character)\","
					+ "\"errors\":[{\"field\":\"path\",\"message\":\"has characters that are not allowed\"}]}");
	}

}
