package id.go.kalteng.kim.gateway.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;

/**
 * Writes RFC 9457 problem+json bodies from servlet filters, where no MVC exception
 * handling applies.
 */
public final class Problems {

	/** Base of every problem {@code type} URI. */
	public static final String TYPE_BASE = "https://kim.kalteng.go.id/problems/";

	private Problems() {
	}

	/**
	 * Writes a problem with the given status; the texts must not need JSON escaping.
	 */
	public static void write(HttpServletResponse response, int status, String type, String title, String detail)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write("{\"type\":\"" + TYPE_BASE + type + "\",\"title\":\"" + title + "\",\"status\":" + status
					+ ",\"detail\":\"" + detail + "\"}");
	}

}
