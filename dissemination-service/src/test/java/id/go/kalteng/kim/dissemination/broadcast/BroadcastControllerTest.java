package id.go.kalteng.kim.dissemination.broadcast;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import id.go.kalteng.kim.contracts.dissemination.BroadcastTarget;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.test.ControllerSliceTest;
import id.go.kalteng.kim.support.test.TestTokens;
import id.go.kalteng.kim.support.web.PageView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The HTTP face of broadcasts alone (the service mocked): status codes, headers,
 * validation and the problem+json shape of refusals.
 */
@ControllerSliceTest(BroadcastController.class)
class BroadcastControllerTest {

	static final RequestPostProcessor OPERATOR = TestTokens.operator("operator-1");

	static final String VALID = "{\"title\":\"Waspada banjir\",\"message\":\"Sungai Kahayan naik\","
			+ "\"channels\":[\"WHATSAPP\",\"SMS\"],\"priority\":\"URGENT\"}";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	BroadcastService broadcasts;

	@MockitoBean
	BroadcastTimers timers;

	@MockitoBean
	ProgressStreams streams;

	static Broadcast draft(String id) {
		return Broadcast.draft(id,
				new Broadcast.Content("Waspada banjir", "Sungai Kahayan naik", List.of(Channel.WHATSAPP),
						Priority.URGENT, new BroadcastTarget(List.of("62.71"), null, null, null, null, null)),
				"operator-1", null, Instant.parse("2026-12-01T00:00:00Z"));
	}

	@Test
	void aCreatedBroadcastAnswers201WithItsLocationAndETag() throws Exception {
		given(this.broadcasts.create(any(KimPrincipal.class), eq("k-1"), any(Broadcast.Content.class)))
			.willReturn(draft("b-1"));
		this.mvc
			.perform(post("/api/broadcasts").with(OPERATOR)
				.header("Idempotency-Key", "k-1")
				.contentType(MediaType.APPLICATION_JSON)
				.content(VALID))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/broadcasts/b-1"))
			.andExpect(header().exists(HttpHeaders.ETAG))
			.andExpect(jsonPath("$.id").value("b-1"))
			.andExpect(jsonPath("$.status").value("DRAFT"));
	}

	@Test
	void anInvalidBroadcastIsAProblemNamingEachBadFieldAndReachesNoService() throws Exception {
		this.mvc
			.perform(post("/api/broadcasts").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"\",\"message\":\"x\",\"channels\":[],\"priority\":\"NORMAL\","
						+ "\"target\":{\"gender\":[\"X\"]}}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").exists())
			.andExpect(jsonPath("$.title").exists())
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.errors[*].field", hasItem("title")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("channels")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("target.gender[0]")));
		verifyNoInteractions(this.broadcasts);
	}

	@Test
	void aMessageLongerThanSixSmsIsABadRequest() throws Exception {
		String message = "x".repeat(BroadcastController.MESSAGE_MAX + 1);
		this.mvc
			.perform(post("/api/broadcasts").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content(VALID.replace("Sungai Kahayan naik", message)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("message"));
	}

	@Test
	void aCallWithoutTokenIsAnUnauthorizedProblem() throws Exception {
		this.mvc.perform(get("/api/broadcasts"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(this.broadcasts);
	}

	@Test
	void anUnknownBroadcastIsANotFoundProblem() throws Exception {
		given(this.broadcasts.get(any(KimPrincipal.class), eq("nope")))
			.willThrow(DomainException.notFound("broadcast", "nope"));
		this.mvc.perform(get("/api/broadcasts/nope").with(OPERATOR))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(404));
	}

	@Test
	void aBroadcastIsAnsweredWithItsETag() throws Exception {
		given(this.broadcasts.get(any(KimPrincipal.class), eq("b-1"))).willReturn(draft("b-1"));
		this.mvc.perform(get("/api/broadcasts/b-1").with(OPERATOR))
			.andExpect(status().isOk())
			.andExpect(header().exists(HttpHeaders.ETAG))
			.andExpect(jsonPath("$.target.kabupaten[0]").value("62.71"));
	}

	@Test
	void aListIsAPageAndAnUnknownKabupatenFilterIsABadRequest() throws Exception {
		given(this.broadcasts.list(any(KimPrincipal.class), isNull(), isNull(), anyInt(), anyInt()))
			.willReturn(new PageView<>(List.of(draft("b-1")), 0, 20, 1));
		this.mvc.perform(get("/api/broadcasts").with(OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value("b-1"));
		this.mvc.perform(get("/api/broadcasts").param("kabupaten", "63.01").with(OPERATOR))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field", containsString("kabupaten")));
	}

	@Test
	void theIfMatchHeaderReachesTheServiceAndAStaleOneIsAPreconditionFailedProblem() throws Exception {
		given(this.broadcasts.submit(any(KimPrincipal.class), eq("b-1"), eq("\"3\"")))
			.willThrow(DomainException.staleVersion("read it again"));
		this.mvc.perform(post("/api/broadcasts/b-1/submit").with(OPERATOR).header(HttpHeaders.IF_MATCH, "\"3\""))
			.andExpect(status().isPreconditionFailed())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void aRuleViolationIsAConflictProblemNamingTheRule() throws Exception {
		given(this.broadcasts.approve(any(KimPrincipal.class), eq("b-1"), isNull()))
			.willThrow(DomainException.ruleViolated("four-eyes", "the author may not approve"));
		this.mvc.perform(post("/api/broadcasts/b-1/approve").with(OPERATOR))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type", containsString("four-eyes")));
	}

	@Test
	void aRejectionNeedsAReason() throws Exception {
		this.mvc
			.perform(post("/api/broadcasts/b-1/reject").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\" \"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		given(this.broadcasts.reject(any(KimPrincipal.class), eq("b-1"), isNull(), eq("too vague")))
			.willReturn(draft("b-1"));
		this.mvc
			.perform(post("/api/broadcasts/b-1/reject").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\"too vague\"}"))
			.andExpect(status().isOk());
	}

	@Test
	void anEditWithAnEmptyTitleIsABadRequestAndAGoodOneReachesTheService() throws Exception {
		this.mvc
			.perform(patch("/api/broadcasts/b-1").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("title"));
		given(this.broadcasts.edit(any(KimPrincipal.class), eq("b-1"), eq("\"1\""), any(BroadcastService.Patch.class)))
			.willReturn(draft("b-1"));
		this.mvc
			.perform(patch("/api/broadcasts/b-1").with(OPERATOR)
				.header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"Banjir\"}"))
			.andExpect(status().isOk());
		verify(this.broadcasts).edit(any(KimPrincipal.class), eq("b-1"), eq("\"1\""),
				eq(new BroadcastService.Patch("Banjir", null, null, null, null)));
	}

	@Test
	void cancelPreviewAndProgressAnswerWhatTheServiceSays() throws Exception {
		given(this.broadcasts.cancel(any(KimPrincipal.class), eq("b-1"), isNull())).willReturn(draft("b-1"));
		given(this.broadcasts.preview(any(KimPrincipal.class), eq("b-1"))).willReturn(Map.of("recipients", 12));
		given(this.broadcasts.progress(any(KimPrincipal.class), eq("b-1"))).willReturn(Map.of("delivered", 3));
		this.mvc.perform(post("/api/broadcasts/b-1/cancel").with(OPERATOR)).andExpect(status().isOk());
		this.mvc.perform(get("/api/broadcasts/b-1/preview").with(OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.recipients").value(12));
		this.mvc.perform(get("/api/broadcasts/b-1/progress").with(OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.delivered").value(3));
	}

}
