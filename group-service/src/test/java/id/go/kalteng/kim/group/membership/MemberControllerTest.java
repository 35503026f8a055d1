package id.go.kalteng.kim.group.membership;

import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.group.registry.AgeGroup;
import id.go.kalteng.kim.group.registry.Gender;
import id.go.kalteng.kim.group.registry.Group;
import id.go.kalteng.kim.group.registry.GroupDetails;
import id.go.kalteng.kim.group.registry.GroupLimits;
import id.go.kalteng.kim.group.registry.Member;
import id.go.kalteng.kim.group.registry.MemberDetails;
import id.go.kalteng.kim.group.registry.MemberRole;
import id.go.kalteng.kim.group.registry.Occupation;
import id.go.kalteng.kim.group.registry.Setting;
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
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ControllerSliceTest(MemberController.class)
class MemberControllerTest {

	static final RequestPostProcessor COORDINATOR = TestTokens.coordinator("group-1");

	static final MemberDetails SITI = new MemberDetails("Siti", "+6281234567890", Gender.WANITA, AgeGroup.DEWASA,
			Occupation.LAINNYA, MemberRole.ANGGOTA, false, "id");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	MembershipService memberships;

	static Member member(String id, MemberDetails details) {
		Group group = Group.register("group-1",
				new GroupDetails("KIM", "62.71", "Jekan Raya", "Bukit Tunggal", Setting.PERKOTAAN, null, null, null),
				Instant.parse("2026-01-01T00:00:00Z"));
		return group.join(id, details, new ChannelConsent(true, true), new GroupLimits(3, 30),
				Instant.parse("2026-01-02T00:00:00Z"));
	}

	@Test
	void joiningNormalisesTheNumberFillsTheDefaultsAndAnswers201() throws Exception {
		given(this.memberships.join(any(), eq("group-1"), eq("key-1"), eq(SITI), eq(new ChannelConsent(true, true))))
			.willReturn(member("member-1", SITI));
		this.mvc
			.perform(post("/api/groups/group-1/members").with(COORDINATOR)
				.header("Idempotency-Key", "key-1")
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"name": " Siti ", "phone": "0812-3456-7890", "gender": "WANITA", "ageGroup": "DEWASA"}"""))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/groups/group-1/members/member-1"))
			.andExpect(header().exists(HttpHeaders.ETAG))
			.andExpect(jsonPath("$.phone").value("+6281234567890"))
			.andExpect(jsonPath("$.role").value("ANGGOTA"));
	}

	@Test
	void aNumberThatIsNotAnIndonesianMobileIsA400NamingPhoneAndChangesNothing() throws Exception {
		this.mvc
			.perform(post("/api/groups/group-1/members").with(COORDINATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"name": "Siti", "phone": "021-555-1234", "gender": "WANITA", "ageGroup": "DEWASA"}"""))
			.andExpect(invalid("phone"));
		verifyNoInteractions(this.memberships);
	}

	@Test
	void aJoinMissingFieldsIsA400NamingThem() throws Exception {
		this.mvc
			.perform(post("/api/groups/group-1/members").with(COORDINATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"phone\": \"081234567890\", \"language\": \"Bahasa Indonesia\"}"))
			.andExpect(invalid("name"))
			.andExpect(invalid("gender"))
			.andExpect(invalid("ageGroup"))
			.andExpect(invalid("language"));
		verifyNoInteractions(this.memberships);
	}

	@Test
	void aFullGroupIsA409ProblemNamingTheRule() throws Exception {
		given(this.memberships.join(any(), eq("group-1"), isNull(), any(), any()))
			.willThrow(DomainException.ruleViolated("group-full", "group group-1 has 30 members, the most allowed"));
		this.mvc
			.perform(post("/api/groups/group-1/members").with(COORDINATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"name": "Siti", "phone": "081234567890", "gender": "WANITA", "ageGroup": "DEWASA"}"""))
			.andExpect(problem(409, "group-full"));
	}

	@Test
	void membersArePagedFromTheServicesList() throws Exception {
		given(this.memberships.members(any(), eq("group-1"))).willReturn(List.of(member("member-1", SITI)));
		this.mvc.perform(get("/api/groups/group-1/members").with(COORDINATOR).param("size", "10"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value("member-1"))
			.andExpect(jsonPath("$.total").value(1));
	}

	@Test
	void aPageSizeOverTheLimitIsA400NamingSize() throws Exception {
		this.mvc.perform(get("/api/groups/group-1/members").with(COORDINATOR).param("size", "1000"))
			.andExpect(invalid("size"));
		verifyNoInteractions(this.memberships);
	}

	@Test
	void anUnknownMemberIsA404Problem() throws Exception {
		given(this.memberships.member(any(), eq("group-1"), eq("member-9")))
			.willThrow(DomainException.notFound("member", "member-9"));
		this.mvc.perform(get("/api/groups/group-1/members/member-9").with(COORDINATOR))
			.andExpect(problem(404, "not-found"));
	}

	@Test
	void anUpdateWithABadNumberIsA400AndAStaleIfMatchA412() throws Exception {
		this.mvc
			.perform(patch("/api/groups/group-1/members/member-1").with(COORDINATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"phone\": \"12\"}"))
			.andExpect(invalid("phone"));
		verifyNoInteractions(this.memberships);
		given(this.memberships.update(any(), eq("group-1"), eq("member-1"), eq("\"1\""), any()))
			.willThrow(DomainException.staleVersion("it changed"));
		this.mvc
			.perform(patch("/api/groups/group-1/members/member-1").with(COORDINATOR)
				.header(HttpHeaders.IF_MATCH, "\"1\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"Siti Aminah\"}"))
			.andExpect(problem(412, "stale-version"));
	}

	@Test
	void leavingAnswers204() throws Exception {
		this.mvc.perform(delete("/api/groups/group-1/members/member-1").with(COORDINATOR))
			.andExpect(status().isNoContent());
		verify(this.memberships).remove(any(), eq("group-1"), eq("member-1"));
	}

	@Test
	void anErasureByACoordinatorIsA403Problem() throws Exception {
		willThrow(DomainException.forbidden("only operators may erase a member's personal data"))
			.given(this.memberships)
			.erase(any(), eq("group-1"), eq("member-1"));
		this.mvc.perform(post("/api/groups/group-1/members/member-1/erase").with(COORDINATOR))
			.andExpect(problem(403, "forbidden"));
	}

}
