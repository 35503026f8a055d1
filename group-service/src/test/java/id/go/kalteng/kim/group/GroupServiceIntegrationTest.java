package id.go.kalteng.kim.group;

import id.go.kalteng.kim.support.test.KimIntegrationTest;
import id.go.kalteng.kim.support.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Base of group-service's integration tests: the whole service on a real broker and
 * database, called through MockMvc, with shortcuts to set up groups and members.
 */
@KimIntegrationTest
public abstract class GroupServiceIntegrationTest {

	protected static final RequestPostProcessor OPERATOR = TestTokens.operator("operator-1");

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected JsonMapper json;

	protected GroupApi api;

	@BeforeEach
	void createApi() {
		this.api = new GroupApi(this.mvc, this.json);
	}

}
