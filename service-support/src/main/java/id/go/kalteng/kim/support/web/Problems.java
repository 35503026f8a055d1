package id.go.kalteng.kim.support.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds the platform's problem+json documents: one type URI per kind of problem. */
public final class Problems {

	/** Where the problem types live; the last path segment names the problem. */
	public static final String TYPE_BASE = "https://kim.kalteng.go.id/problems/";

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
		problem.setTitle(title);
		return problem;
	}

}
