package id.go.kalteng.kim.dissemination;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.support.test.TestTokens;
import id.go.kalteng.kim.support.test.TopicReader;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP face: validation, state and four-eyes rules, ETags, who may see what. */
class BroadcastApiIntegrationTest extends DisseminationServiceIntegrationTest {

	/**
	 * A broadcast; {@code target} is a kabupaten code, a {@code "target":{...}} member,
	 * or null.
	 */
	static String body(String target) {
		if (target != null && !target.startsWith("\"target\"")) {
			target = "\"target\":{\"kabupaten\":[\"" + target + "\"]}";
		}
		target = (target != null) ? target + "," : "";
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

	@Test
	void anOperatorWhoChangedAnAgencysBroadcastCannotApproveIt() throws Exception {
		// issue 6: agency-6271 drafts, operator-1 edits it, submits it and approves it
		RequestPostProcessor palangkaraya = TestTokens.agency("62.71");
		String id = create(palangkaraya, body(null));
		this.mvc
			.perform(patch("/api/broadcasts/{id}", id).with(OPERATOR_1)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"message\":\"Sungai meluap, semua wilayah\",\"target\":{\"kabupaten\":[]}}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type", endsWith("/broadcast-scope")));
		this.mvc
			.perform(patch("/api/broadcasts/{id}", id).with(OPERATOR_1)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"message\":\"Sungai meluap, segera mengungsi\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.author").value("agency-6271"))
			.andExpect(jsonPath("$.contributors", contains("agency-6271", "operator-1")));
		this.mvc.perform(post("/api/broadcasts/{id}/submit", id).with(OPERATOR_1)).andExpect(status().isOk());
		this.mvc.perform(post("/api/broadcasts/{id}/approve", id).with(OPERATOR_1))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type", endsWith("/four-eyes")));
		this.mvc.perform(get("/api/broadcasts/{id}", id).with(palangkaraya))
			.andExpect(jsonPath("$.status").value("PENDING_APPROVAL"))
			.andExpect(jsonPath("$.approvedBy").doesNotExist());
		this.mvc.perform(post("/api/broadcasts/{id}/approve", id).with(OPERATOR_2))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.approvedBy").value("operator-2"));
	}

	@Test
	void anOperatorWhoWidenedAnotherOperatorsBroadcastCannotApproveIt() throws Exception {
		String id = create(OPERATOR_2, body("62.71"));
		this.mvc
			.perform(patch("/api/broadcasts/{id}", id).with(OPERATOR_1)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"target\":{\"kabupaten\":[]}}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.target.kabupaten", hasSize(0)));
		this.mvc.perform(post("/api/broadcasts/{id}/submit", id).with(OPERATOR_1)).andExpect(status().isOk());
		for (RequestPostProcessor contributor : List.of(OPERATOR_1, OPERATOR_2)) {
			this.mvc.perform(post("/api/broadcasts/{id}/approve", id).with(contributor))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.type", endsWith("/four-eyes")));
		}
		this.mvc.perform(post("/api/broadcasts/{id}/approve", id).with(TestTokens.operator("operator-3")))
			.andExpect(status().isOk());
	}

	@Test
	void aChangeToASubmittedBroadcastSendsItBackToDraft() throws Exception {
		String id = create(OPERATOR_1, body(null));
		this.mvc.perform(post("/api/broadcasts/{id}/submit", id).with(OPERATOR_1)).andExpect(status().isOk());
		this.mvc
			.perform(patch("/api/broadcasts/{id}", id).with(OPERATOR_1)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"Waspada banjir besar\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("DRAFT"));
		this.mvc.perform(post("/api/broadcasts/{id}/approve", id).with(OPERATOR_2))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type", endsWith("/broadcast-state")));
	}

	@Test
	void anAgencyChangesOnlyTheBroadcastsItWrote() throws Exception {
		RequestPostProcessor palangkaraya = TestTokens.agency("62.71");
		RequestPostProcessor kotawaringin = TestTokens.agency("62.01");
		String operators = create(OPERATOR_1, body("62.71"));
		this.mvc.perform(get("/api/broadcasts/{id}", operators).with(palangkaraya)).andExpect(status().isOk());
		this.mvc
			.perform(patch("/api/broadcasts/{id}", operators).with(palangkaraya)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"Diubah\"}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type", endsWith("/not-author")));
		for (String action : List.of("submit", "cancel")) {
			this.mvc.perform(post("/api/broadcasts/{id}/" + action, operators).with(palangkaraya))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.type", endsWith("/not-author")));
			this.mvc.perform(post("/api/broadcasts/{id}/" + action, operators).with(kotawaringin))
				.andExpect(status().isNotFound());
		}
		this.mvc
			.perform(patch("/api/broadcasts/{id}", operators).with(kotawaringin)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"Diubah\"}"))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/broadcasts/{id}", operators).with(OPERATOR_1))
			.andExpect(jsonPath("$.status").value("DRAFT"))
			.andExpect(jsonPath("$.title").value("Waspada banjir"));
		String own = create(palangkaraya, body(null));
		this.mvc.perform(post("/api/broadcasts/{id}/submit", own).with(palangkaraya)).andExpect(status().isOk());
		this.mvc.perform(post("/api/broadcasts/{id}/cancel", own).with(palangkaraya))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("CANCELLED"));
	}

	@Test
	void aTargetOfAThousandGroupsIsAcceptedAndOfThirtyThousandIsABadRequest() throws Exception {
		String thousand = body(target(1000, 36));
		String id = create(OPERATOR_1, thousand);
		this.mvc.perform(get("/api/broadcasts/{id}", id).with(OPERATOR_1))
			.andExpect(jsonPath("$.target.groups", hasSize(1000)));
		for (int groups : List.of(2001, 30_000)) {
			this.mvc
				.perform(post("/api/broadcasts").with(OPERATOR_1)
					.contentType(MediaType.APPLICATION_JSON)
					.content(body(target(groups, 36))))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[*].field", contains("target.groups")));
			this.mvc
				.perform(patch("/api/broadcasts/{id}", id).with(OPERATOR_1)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{" + target(groups, 36) + "}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[*].field", contains("target.groups")));
		}
		this.mvc.perform(get("/api/broadcasts/{id}", id).with(OPERATOR_1))
			.andExpect(jsonPath("$.target.groups", hasSize(1000)));
	}

	@Test
	void theLargestBroadcastAcceptedIsApprovedAndPublished() throws Exception {
		String message = "\uD83C\uDF0A".repeat(459); // 918 chars, 4 bytes each in UTF-8
		String body = "{\"title\":\"" + "\u00e9".repeat(120) + "\",\"message\":\"" + message + "\","
				+ "\"channels\":[\"WHATSAPP\",\"SMS\"],\"priority\":\"URGENT\","
				+ target(2000, 64).replace("\"groups\"",
						"\"gender\":[\"PRIA\",\"WANITA\"],\"ageGroup\":[\"REMAJA\",\"DEWASA\",\"LANSIA\"],\"groups\"")
				+ "}";
		try (TopicReader events = new TopicReader(Topics.DISSEMINATION_EVENTS)) {
			String id = create(OPERATOR_1, body);
			this.mvc.perform(post("/api/broadcasts/{id}/submit", id).with(OPERATOR_1)).andExpect(status().isOk());
			this.mvc.perform(post("/api/broadcasts/{id}/approve", id).with(OPERATOR_2)).andExpect(status().isOk());
			await().atMost(Duration.ofSeconds(30)).until(() -> !events.forSubject(id).isEmpty());
			assertThat(TopicReader.value(events.forSubject(id).get(0))).contains(message);
		}
	}

	@Test
	void everyBoundOfABroadcastIsABadRequestNamingTheField() throws Exception {
		Map<String, String> tooMuch = new LinkedHashMap<>();
		tooMuch.put("title", "\"title\":\"" + "x".repeat(121) + "\"");
		tooMuch.put("message", "\"message\":\"" + "x".repeat(919) + "\"");
		tooMuch.put("channels", "\"channels\":[\"SMS\",\"WHATSAPP\",\"SMS\"]");
		tooMuch.put("target.kabupaten", "\"target\":{\"kabupaten\":[" + "\"62.71\",".repeat(14) + "\"62.01\"]}");
		tooMuch.put("target.groups[0]", "\"target\":{\"groups\":[\"" + "g".repeat(65) + "\"]}");
		tooMuch.put("target.gender[0]", "\"target\":{\"gender\":[\"L\"]}");
		tooMuch.put("target.ageGroup", "\"target\":{\"ageGroup\":[\"REMAJA\",\"REMAJA\",\"DEWASA\",\"LANSIA\"]}");
		tooMuch.put("target.occupation[0]", "\"target\":{\"occupation\":[\"NELAYAN \"]}");
		tooMuch.put("target.setting[0]", "\"target\":{\"setting\":[\"KOTA\"]}");
		String id = create(OPERATOR_1, body(null));
		for (Map.Entry<String, String> bad : tooMuch.entrySet()) {
			this.mvc
				.perform(patch("/api/broadcasts/{id}", id).with(OPERATOR_1)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{" + bad.getValue() + "}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[*].field", contains(bad.getKey())));
		}
		this.mvc.perform(get("/api/broadcasts/{id}", id).with(OPERATOR_1))
			.andExpect(header().string(HttpHeaders.ETAG, "\"1\""));
	}

	/** A target of {@code count} group ids of {@code length} characters each. */
	static String target(int count, int length) {
		String ids = IntStream.range(0, count)
			.mapToObj((i) -> "\"" + String.format("%0" + length + "d", i) + "\"")
			.collect(Collectors.joining(","));
		return "\"target\":{\"groups\":[" + ids + "]}";
	}

	@Test
	void aFilterByAKabupatenThatDoesNotExistIsABadRequestNamingIt() throws Exception {
		this.mvc.perform(get("/api/broadcasts?kabupaten=62.99").with(OPERATOR_1))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("kabupaten"));
	}

}
