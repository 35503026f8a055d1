package id.go.kalteng.kim.activity;

import java.time.Duration;

import id.go.kalteng.kim.support.test.KimIntegrationTest;
import id.go.kalteng.kim.support.test.TestTokens;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

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

}
