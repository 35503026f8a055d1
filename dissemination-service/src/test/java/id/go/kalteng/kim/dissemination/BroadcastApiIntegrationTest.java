package id.go.kalteng.kim.dissemination;

import id.go.kalteng.kim.support.test.KimIntegrationTest;
import id.go.kalteng.kim.support.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP face: validation, state and four-eyes rules, ETags, who may see what. */
@KimIntegrationTest
class BroadcastApiIntegrationTest {

	static final RequestPostProcessor OPERATOR_1 = TestTokens.operator("operator-1");

	static final RequestPostProcessor OPERATOR_2 = TestTokens.operator("operator-2");

	@Autowired
	MockMvc mvc;

	@Autowired
	JsonMapper json;

	static String body(String kabupaten) {
		String target = (kabupaten != null) ? "\"target\":{\"kabupaten\":[\"" + kabupaten + "\"]}," : "";
		return "{\"title\":\"Waspada banjir\",\"message\":\"Sungai Kahayan naik, siapkan evakuasi\"," + target
				+ "\"channels\":[\"WHATSAPP\",\"SMS\"],\"priority\":\"URGENT\"}";
	}

	String create(RequestPostProcessor token, String body) throws Exception {
		MvcResult result = this.mvc
			.perform(post("/api/broadcasts").with(token).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated())
			.andExpect(header().exists(HttpHeaders.LOCATION))
			.andExpect(header().exists(HttpHeaders.ETAG))
			.andReturn();
		return this.json.readTree(result.getResponse().getContentAsString()).get("id").asString();
	}

	@Test
	void anInvalidBroadcastIsRejectedWithTheBadFields() throws Exception {
		this.mvc
			.perform(post("/api/broadcasts").with(OPERATOR_1)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"\",\"message\":\"x\",\"channels\":[],\"priority\":\"NORMAL\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("title")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("channels")));
		this.mvc.perform(
				post("/api/broadcasts").with(OPERATOR_1).contentType(MediaType.APPLICATION_JSON).content(body("63.01")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("target.kabupaten"));
	}

	@Test
	void theSameIdempotencyKeyCreatesOneBroadcast() throws Exception {
		String first = this.json
			.readTree(this.mvc
				.perform(post("/api/broadcasts").with(OPERATOR_1)
					.header("Idempotency-Key", "k-1")
					.contentType(MediaType.APPLICATION_JSON)
					.content(body(null)))
				.andExpect(status().isCreated())
				.andReturn()
				.getResponse()
				.getContentAsString())
			.get("id")
			.asString();
		this.mvc
			.perform(post("/api/broadcasts").with(OPERATOR_1)
				.header("Idempotency-Key", "k-1")
				.contentType(MediaType.APPLICATION_JSON)
				.content(body(null)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.id").value(first));
	}

	@Test
	void anUnknownBroadcastIsNotFound() throws Exception {
		this.mvc.perform(get("/api/broadcasts/nope").with(OPERATOR_1)).andExpect(status().isNotFound());
	}

	@Test
	void aCallWithoutTokenIsUnauthorized() throws Exception {
		this.mvc.perform(get("/api/broadcasts")).andExpect(status().isUnauthorized());
	}

	@Test
	void aDraftCannotBeApproved() throws Exception {
		String id = create(OPERATOR_1, body(null));
		this.mvc.perform(post("/api/broadcasts/{id}/approve", id).with(OPERATOR_2))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type", containsString("broadcast-state")));
	}

	@Test
	void theAuthorCannotApproveTheirOwnBroadcast() throws Exception {
		String id = create(OPERATOR_1, body(null));
		this.mvc.perform(post("/api/broadcasts/{id}/submit", id).with(OPERATOR_1)).andExpect(status().isOk());
		this.mvc.perform(post("/api/broadcasts/{id}/approve", id).with(OPERATOR_1))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type", containsString("four-eyes")));
		this.mvc
			.perform(post("/api/broadcasts/{id}/reject", id).with(OPERATOR_2)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\"terlalu panjang\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("REJECTED"));
	}

	@Test
	void anEditWithAStaleIfMatchFails() throws Exception {
		String id = create(OPERATOR_1, body(null));
		String etag = this.mvc.perform(get("/api/broadcasts/{id}", id).with(OPERATOR_1))
			.andReturn()
			.getResponse()
			.getHeader(HttpHeaders.ETAG);
		this.mvc
			.perform(patch("/api/broadcasts/{id}", id).with(OPERATOR_1)
				.header(HttpHeaders.IF_MATCH, etag)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"Waspada banjir besar\"}"))
			.andExpect(status().isOk())
			.andExpect(header().exists(HttpHeaders.ETAG))
			.andExpect(jsonPath("$.title").value("Waspada banjir besar"));
		this.mvc
			.perform(patch("/api/broadcasts/{id}", id).with(OPERATOR_1)
				.header(HttpHeaders.IF_MATCH, etag)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"lagi\"}"))
			.andExpect(status().isPreconditionFailed());
	}

	@Test
	void anAgencySeesOnlyBroadcastsForItsOwnKabupaten() throws Exception {
		RequestPostProcessor palangkaraya = TestTokens.agency("62.71");
		String own = create(palangkaraya, body(null));
		this.mvc.perform(get("/api/broadcasts/{id}", own).with(palangkaraya))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.target.kabupaten[0]").value("62.71"));
		String other = create(OPERATOR_1, body("62.01"));
		this.mvc.perform(get("/api/broadcasts/{id}", other).with(palangkaraya)).andExpect(status().isNotFound());
		this.mvc
			.perform(post("/api/broadcasts").with(palangkaraya)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body("62.01")))
			.andExpect(status().isForbidden());
		String list = this.mvc.perform(get("/api/broadcasts").with(palangkaraya))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(list).contains(own).doesNotContain(other);
		this.mvc.perform(get("/api/broadcasts").with(TestTokens.coordinator("g-1"))).andExpect(status().isForbidden());
	}

}
