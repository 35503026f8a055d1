package id.go.kalteng.kim.activity.web;

import id.go.kalteng.kim.activity.ActivityServiceIntegrationTest;
import id.go.kalteng.kim.support.test.MalformedRequestSweep;
import id.go.kalteng.kim.support.test.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every operation of activity-service's OpenAPI document, sent malformed paths,
 * parameters, headers and bodies as an OPERATOR and unauthenticated: never a 5xx, every
 * refusal a problem+json. The activity id in paths is a real one, so that malformed input
 * reaches past the lookup.
 */
class MalformedRequestSweepTest extends ActivityServiceIntegrationTest {

	@Test
	void noMalformedRequestIsAServerErrorAndEveryRefusalIsAProblem() throws Exception {
		String activity = this.json.readTree(this.mvc
			.perform(post("/api/activities").with(TestTokens.operator("operator-1"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"type\":\"DIALOG\",\"title\":\"Dialog sapu bersih\",\"organizer\":\"Diskominfo\","
						+ "\"kabupaten\":\"62.13\",\"place\":\"Balai Desa\",\"startsAt\":\"2026-12-03T09:00:00+07:00\","
						+ "\"endsAt\":\"2026-12-03T12:00:00+07:00\",\"invitedGroups\":[]}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString()).get("id").asString();
		MalformedRequestSweep.of(this.mvc, this.json).pathValue("id", activity).run();
	}

}
