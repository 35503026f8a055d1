package id.go.kalteng.kim.group.registry;

import java.time.Instant;
import java.time.LocalDate;

import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.test.ControllerSliceTest;
import id.go.kalteng.kim.support.test.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static id.go.kalteng.kim.group.ProblemJson.invalid;
import static id.go.kalteng.kim.group.ProblemJson.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ControllerSliceTest(GroupController.class)
class GroupControllerTest {

	static final RequestPostProcessor AGENCY = TestTokens.agency("62.71");

	static final GroupDetails DETAILS = new GroupDetails("KIM Bukit Hindu", "62.71", "Jekan Raya", "Bukit Tunggal",
			Setting.PERKOTAAN, null, null, null);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	GroupService groups;

	@MockitoBean
	GroupStatistics statistics;

	@Test
	void registeringAnswers201WithTheGroupItsLocationAndETag() throws Exception {
		Group group = Group.register("group-1", DETAILS, Instant.parse("2026-01-01T00:00:00Z"));
		given(this.groups.register(any(), eq("key-1"), eq(DETAILS))).willReturn(group);
		this.mvc
			.perform(post("/api/groups").with(AGENCY)
				.header("Idempotency-Key", "key-1")
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"name": " KIM Bukit Hindu ", "kabupaten": "62.71", "kecamatan": "Jekan Raya",
						 "desa": "Bukit Tunggal", "setting": "PERKOTAAN"}"""))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/groups/group-1"))
			.andExpect(header().string(HttpHeaders.ETAG, "\"0\""))
			.andExpect(jsonPath("$.id").value("group-1"))
			.andExpect(jsonPath("$.status").value("FORMING"))
			.andExpect(jsonPath("$.memberCount").value(0));
	}

	@Test
	void aRegistrationMissingFieldsIsA400NamingThemAndChangesNothing() throws Exception {
		this.mvc
			.perform(post("/api/groups").with(AGENCY)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"kabupaten\": \"62.71\", \"kecamatan\": \"Jekan Raya\", \"desa\": \"Bukit Tunggal\"}"))
			.andExpect(invalid("name"))
			.andExpect(invalid("setting"));
		verifyNoInteractions(this.groups);
	}

	@Test
	void aSettingThatIsNotOneOfTheValuesIsA400NamingIt() throws Exception {
		this.mvc.perform(post("/api/groups").with(AGENCY).contentType(MediaType.APPLICATION_JSON).content("""
				{"name": "KIM", "kabupaten": "62.71", "kecamatan": "Jekan Raya", "desa": "Bukit Tunggal",
				 "setting": "KOTA"}""")).andExpect(invalid("setting"));
		verifyNoInteractions(this.groups);
	}

	@Test
	void anAnonymousCallerIsA401Problem() throws Exception {
		this.mvc.perform(get("/api/groups/group-1")).andExpect(status().isUnauthorized());
		verifyNoInteractions(this.groups);
	}

	@Test
	void aGroupTheCallerMayNotSeeIsA404Problem() throws Exception {
		given(this.groups.get(any(), eq("group-9"))).willThrow(DomainException.notFound("group", "group-9"));
		this.mvc.perform(get("/api/groups/group-9").with(AGENCY))
			.andExpect(problem(404, "not-found"))
			.andExpect(jsonPath("$.detail").value("group group-9 does not exist"));
	}

	@Test
	void aStaleIfMatchIsA412Problem() throws Exception {
		given(this.groups.suspend(any(), eq("group-1"), eq("\"3\""), eq("audit")))
			.willThrow(DomainException.staleVersion("it changed"));
		this.mvc
			.perform(post("/api/groups/group-1/suspend").with(AGENCY)
				.header(HttpHeaders.IF_MATCH, "\"3\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\": \"audit\"}"))
			.andExpect(problem(412, "stale-version"));
	}

	@Test
	void suspendingWithoutAReasonIsA400() throws Exception {
		this.mvc
			.perform(post("/api/groups/group-1/suspend").with(AGENCY)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\": \" \"}"))
			.andExpect(invalid("reason"));
		verifyNoInteractions(this.groups);
	}

	@Test
	void aBrokenRuleIsA409ProblemNamingTheRule() throws Exception {
		given(this.groups.reinstate(any(), eq("group-1"), isNull()))
			.willThrow(DomainException.ruleViolated("not-suspended", "group group-1 is ACTIVE"));
		this.mvc.perform(post("/api/groups/group-1/reinstate").with(AGENCY))
			.andExpect(problem(409, "not-suspended"))
			.andExpect(jsonPath("$.detail").value("group group-1 is ACTIVE"));
	}

	@Test
	void anUpdateWithAnEmptyNameIsA400() throws Exception {
		this.mvc
			.perform(patch("/api/groups/group-1").with(AGENCY)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"\"}"))
			.andExpect(invalid("name"));
		verifyNoInteractions(this.groups);
	}

	@Test
	void searchingAnUnknownKabupatenIsA400NamingIt() throws Exception {
		this.mvc.perform(get("/api/groups").with(AGENCY).param("kabupaten", "99.99")).andExpect(invalid("kabupaten"));
		verifyNoInteractions(this.groups);
	}

	@Test
	void aPageLargerThanTheLimitIsA400NamingSize() throws Exception {
		this.mvc.perform(get("/api/groups").with(AGENCY).param("size", "101")).andExpect(invalid("size"));
		verifyNoInteractions(this.groups);
	}

	@Test
	void aPartnershipWithoutItsStartDateIsA400() throws Exception {
		this.mvc
			.perform(post("/api/groups/group-1/partnerships").with(AGENCY)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"agency\": \"Diskominfo\", \"scope\": \"pelatihan\"}"))
			.andExpect(invalid("since"));
		verifyNoInteractions(this.groups);
	}

	@Test
	void formingAPartnershipAnswers201WithItsLocation() throws Exception {
		Partnership partnership = new Partnership("p-1", "Diskominfo", "pelatihan", LocalDate.parse("2026-01-02"), null,
				null, Instant.parse("2026-01-02T00:00:00Z"));
		given(this.groups.formPartnership(any(), eq("group-1"), isNull(), eq("Diskominfo"), eq("pelatihan"),
				eq(LocalDate.parse("2026-01-02"))))
			.willReturn(partnership);
		this.mvc
			.perform(post("/api/groups/group-1/partnerships").with(AGENCY)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"agency\": \" Diskominfo \", \"scope\": \"pelatihan\", \"since\": \"2026-01-02\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/groups/group-1/partnerships/p-1"))
			.andExpect(jsonPath("$.agency").value("Diskominfo"));
	}

	@Test
	void statisticsForAnUnknownKabupatenAreA400() throws Exception {
		this.mvc.perform(get("/api/groups/stats").with(AGENCY).param("kabupaten", "62"))
			.andExpect(invalid("kabupaten"));
		verifyNoInteractions(this.statistics);
	}

	@Test
	void statisticsForbiddenToTheCallerAreA403Problem() throws Exception {
		given(this.statistics.count(any(), isNull()))
			.willThrow(DomainException.forbidden("statistics are for operators and agencies"));
		this.mvc.perform(get("/api/groups/stats").with(TestTokens.coordinator("group-1")))
			.andExpect(problem(403, "forbidden"));
		verify(this.statistics).count(any(), isNull());
	}

}
