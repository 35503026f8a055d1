package id.go.kalteng.kim.dissemination.web;

import id.go.kalteng.kim.support.test.KimIntegrationTest;
import id.go.kalteng.kim.support.test.MalformedRequestSweep;
import id.go.kalteng.kim.support.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every operation of dissemination-service's OpenAPI document, sent malformed paths,
 * parameters, headers and bodies as an OPERATOR and unauthenticated: never a 5xx, every
 * refusal a problem+json. The broadcast id in paths is a real draft, so that malformed
 * input reaches past the lookup.
 */
@KimIntegrationTest
class MalformedRequestSweepTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	@Test
	void noMalformedRequestIsAServerErrorAndEveryRefusalIsAProblem() throws Exception {
		String broadcast = this.json.readTree(this.mvc
			.perform(post("/api/broadcasts").with(TestTokens.operator("operator-1"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"Sapu bersih\",\"message\":\"Uji masukan rusak\",\"channels\":[\"SMS\"],"
						+ "\"priority\":\"NORMAL\",\"target\":{\"kabupaten\":[\"62.13\"]}}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString()).get("id").asString();
		MalformedRequestSweep.of(this.mvc, this.json).pathValue("id", broadcast).run();
	}

}
