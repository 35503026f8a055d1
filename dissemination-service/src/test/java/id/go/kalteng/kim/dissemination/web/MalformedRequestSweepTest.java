package id.go.kalteng.kim.dissemination.web;

import id.go.kalteng.kim.dissemination.DisseminationServiceIntegrationTest;
import id.go.kalteng.kim.support.test.MalformedRequestSweep;
import id.go.kalteng.kim.support.test.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every operation of dissemination-service's OpenAPI document, sent malformed paths,
 * parameters, headers and bodies as an OPERATOR and unauthenticated: never a 5xx, every
 * refusal a problem+json. The broadcast id in paths is a real draft, so that malformed
 * input reaches past the lookup.
 */
class MalformedRequestSweepTest extends DisseminationServiceIntegrationTest {

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
