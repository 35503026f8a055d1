package id.go.kalteng.kim.dissemination;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import id.go.kalteng.kim.dissemination.dispatch.FanOutProbe;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import id.go.kalteng.kim.support.test.KimIntegrationTest;
import id.go.kalteng.kim.support.test.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Base of dissemination-service's integration tests: the whole service on a real broker
 * and database, called through MockMvc with mock tokens of two operators (four eyes).
 */
@KimIntegrationTest
@Import(FanOutProbe.class)
public abstract class DisseminationServiceIntegrationTest {

	/** How long a test waits for what consumers do. */
	protected static final Duration TIMEOUT = Duration.ofSeconds(30);

	protected static final RequestPostProcessor OPERATOR_1 = TestTokens.operator("operator-1");

	protected static final RequestPostProcessor OPERATOR_2 = TestTokens.operator("operator-2");

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected JsonMapper json;

	@Autowired
	protected MongoTemplate mongo;

	@Autowired
	protected PhonePseudonyms pseudonyms;

	/** An operator's GET of an API path, answered 200: its JSON. */
	protected JsonNode getJson(String path) throws Exception {
		return this.json.readTree(this.mvc.perform(get(path).with(OPERATOR_1))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	protected JsonNode preview(String broadcastId) throws Exception {
		return getJson("/api/broadcasts/" + broadcastId + "/preview");
	}

	protected JsonNode progress(String broadcastId) throws Exception {
		return getJson("/api/broadcasts/" + broadcastId + "/progress");
	}

	/** A mobile number no other test is likely to use. */
	protected static String randomPhone() {
		return "+62812" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}

}
