package id.go.kalteng.kim.group;

import id.go.kalteng.kim.support.web.Problems;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What the controller slices expect of a refusal: a problem+json document. */
public final class ProblemJson {

	private ProblemJson() {
	}

	/** A problem of this status and type ({@code validation}, {@code not-found}...). */
	public static ResultMatcher problem(int status, String type) {
		return all(status().is(status), content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON),
				jsonPath("$.type").value(Problems.TYPE_BASE + type), jsonPath("$.status").value(status),
				jsonPath("$.title").isString());
	}

	/** A 400 {@code validation} problem that names this field. */
	public static ResultMatcher invalid(String field) {
		return all(problem(400, "validation"), jsonPath("$.errors[*].field").value(hasItem(field)));
	}

	private static ResultMatcher all(ResultMatcher... matchers) {
		return (result) -> {
			for (ResultMatcher matcher : matchers) {
				matcher.match(result);
			}
		};
	}

}
