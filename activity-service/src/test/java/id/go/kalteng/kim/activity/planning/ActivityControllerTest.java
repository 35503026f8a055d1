package id.go.kalteng.kim.activity.planning;

import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.test.ControllerSliceTest;
import id.go.kalteng.kim.support.test.TestTokens;
import id.go.kalteng.kim.support.web.PageView;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
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
 * The HTTP face of activities alone (the service mocked): status codes, headers,
 * validation, the WIB time zone and the problem+json shape of refusals.
 */
@ControllerSliceTest(ActivityController.class)
class ActivityControllerTest {

	static final RequestPostProcessor OPERATOR = TestTokens.operator("operator-1");

	static final String VALID = "{\"type\":\"ANJANGSANA\",\"title\":\"Anjangsana KIM\",\"organizer\":\"Diskominfo\","
			+ "\"kabupaten\":\"62.71\",\"place\":\"Balai Kelurahan Menteng\","
			+ "\"startsAt\":\"2026-12-03T09:00:00+07:00\",\"endsAt\":\"2026-12-03T12:00:00+07:00\","
			+ "\"invitedGroups\":[\"g-1\"],\"capacity\":40}";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ActivityService activities;

	static Activity planned(String id) {
		return Activity.plan(id,
				new Activity.Details(ActivityType.ANJANGSANA, "Anjangsana KIM", null, "Diskominfo", "62.71",
						"Balai Kelurahan Menteng", Instant.parse("2026-12-03T02:00:00Z"),
						Instant.parse("2026-12-03T05:00:00Z"), List.of("g-1"), 40),
				"operator-1", Instant.parse("2026-12-01T00:00:00Z"));
	}

	@Test
	void aPlannedActivityAnswers201WithItsLocationETagAndTimesInWib() throws Exception {
		given(this.activities.plan(any(KimPrincipal.class), eq("k-1"), any(Activity.Details.class)))
			.willReturn(planned("a-1"));
		this.mvc
			.perform(post("/api/activities").with(OPERATOR)
				.header("Idempotency-Key", "k-1")
				.contentType(MediaType.APPLICATION_JSON)
				.content(VALID))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/activities/a-1"))
			.andExpect(header().exists(HttpHeaders.ETAG))
			.andExpect(jsonPath("$.startsAt").value("2026-12-03T09:00:00+07:00"))
			.andExpect(jsonPath("$.category").value(ActivityType.ANJANGSANA.category().name()));
		ArgumentCaptor<Activity.Details> details = ArgumentCaptor.forClass(Activity.Details.class);
		verify(this.activities).plan(any(KimPrincipal.class), eq("k-1"), details.capture());
		assertThat(details.getValue().startsAt()).isEqualTo(Instant.parse("2026-12-03T02:00:00Z"));
	}

	@Test
	void anInvalidActivityIsAProblemNamingEachBadFieldAndReachesNoService() throws Exception {
		this.mvc
			.perform(post("/api/activities").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content(VALID.replace("\"type\":\"ANJANGSANA\",", "")
					.replace("Anjangsana KIM", "")
					.replace("\"g-1\"", "\" \"")
					.replace("\"capacity\":40", "\"capacity\":0")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.errors[*].field", hasItem("type")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("title")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("invitedGroups[0]")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("capacity")));
		verifyNoInteractions(this.activities);
	}

	@Test
	void aCallWithoutTokenIsAnUnauthorizedProblem() throws Exception {
		this.mvc.perform(get("/api/activities"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(this.activities);
	}

	@Test
	void aListFiltersByWibDaysAndAnUnknownKabupatenIsABadRequest() throws Exception {
		given(this.activities.list(any(KimPrincipal.class), any(ActivityService.Filter.class), anyInt(), anyInt()))
			.willReturn(new PageView<>(List.of(planned("a-1")), 0, 20, 1));
		this.mvc.perform(get("/api/activities").param("from", "2026-12-03").param("to", "2026-12-03").with(OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value("a-1"));
		ArgumentCaptor<ActivityService.Filter> filter = ArgumentCaptor.forClass(ActivityService.Filter.class);
		verify(this.activities).list(any(KimPrincipal.class), filter.capture(), anyInt(), anyInt());
		assertThat(filter.getValue().from()).isEqualTo(Instant.parse("2026-12-02T17:00:00Z"));
		assertThat(filter.getValue().to()).isEqualTo(Instant.parse("2026-12-03T17:00:00Z"));
		this.mvc.perform(get("/api/activities").param("kabupaten", "63.01").with(OPERATOR))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void anUnknownActivityIsANotFoundProblem() throws Exception {
		given(this.activities.get(any(KimPrincipal.class), eq("nope")))
			.willThrow(DomainException.notFound("activity", "nope"));
		this.mvc.perform(get("/api/activities/nope").with(OPERATOR))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(404));
	}

	@Test
	void anEditPassesItsIfMatchAndAStaleOneIsAPreconditionFailedProblem() throws Exception {
		given(this.activities.revise(any(KimPrincipal.class), eq("a-1"), eq("\"0\""), any(ActivityService.Patch.class)))
			.willThrow(DomainException.staleVersion("read it again"));
		this.mvc
			.perform(patch("/api/activities/a-1").with(OPERATOR)
				.header(HttpHeaders.IF_MATCH, "\"0\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"Anjangsana\"}"))
			.andExpect(status().isPreconditionFailed())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc
			.perform(patch("/api/activities/a-1").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("title"));
	}

	@Test
	void cancellingNeedsAReasonAndARuleViolationIsAConflict() throws Exception {
		this.mvc
			.perform(post("/api/activities/a-1/cancel").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\"\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		given(this.activities.cancel(any(KimPrincipal.class), eq("a-1"), isNull(), eq("banjir")))
			.willThrow(DomainException.ruleViolated("activity-state", "a completed activity cannot be cancelled"));
		this.mvc
			.perform(post("/api/activities/a-1/cancel").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\"banjir\"}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void attendanceIsANonEmptyListOfCountsAndCompletionNeedsOutcomeAndAttendees() throws Exception {
		this.mvc
			.perform(post("/api/activities/a-1/attendance").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("[{\"groupId\":\"g-1\",\"attendees\":-1}]"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		given(this.activities.recordAttendance(any(KimPrincipal.class), eq("a-1"), isNull(),
				eq(List.of(new GroupAttendance("g-1", 12)))))
			.willReturn(planned("a-1"));
		this.mvc
			.perform(post("/api/activities/a-1/attendance").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("[{\"groupId\":\"g-1\",\"attendees\":12}]"))
			.andExpect(status().isOk())
			.andExpect(header().exists(HttpHeaders.ETAG));
		this.mvc
			.perform(post("/api/activities/a-1/complete").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"outcome\":\"\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("outcome")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("attendees")));
		given(this.activities.complete(any(KimPrincipal.class), eq("a-1"), isNull(), eq("berhasil"), eq(30)))
			.willReturn(planned("a-1"));
		this.mvc
			.perform(post("/api/activities/a-1/complete").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"outcome\":\"berhasil\",\"attendees\":30}"))
			.andExpect(status().isOk());
	}

}
