package id.go.kalteng.kim.activity;

import java.time.Duration;

import id.go.kalteng.kim.support.test.KimIntegrationTest;
import id.go.kalteng.kim.support.test.TestTokens;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Base of activity-service's integration tests: the whole service on a real broker and
 * database, called through MockMvc with mock tokens.
 */
@KimIntegrationTest
public abstract class ActivityServiceIntegrationTest {

	/** How long a test waits for what consumers do. */
	protected static final Duration TIMEOUT = Duration.ofSeconds(30);

	protected static final RequestPostProcessor OPERATOR = TestTokens.operator("operator-1");

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected JsonMapper json;

	/**
	 * Plans an activity as operator-1.
	 * @param body the request's JSON
	 * @return the new activity's id
	 */
	protected String plan(String body) throws Exception {
		return this.json
			.readTree(this.mvc
				.perform(post("/api/activities").with(OPERATOR).contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isCreated())
				.andReturn()
				.getResponse()
				.getContentAsString())
			.get("id")
			.asString();
	}

}
