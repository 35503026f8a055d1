package id.go.kalteng.kim.group.forum;

import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.support.domain.DomainException;
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

import static id.go.kalteng.kim.group.ProblemJson.invalid;
import static id.go.kalteng.kim.group.ProblemJson.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ControllerSliceTest(ForumController.class)
class ForumControllerTest {

	static final RequestPostProcessor AGENCY = TestTokens.agency("62.71");

	static final Forum FORUM = Forum.establish("62.71", "Forum KIM Palangka Raya", List.of(), List.of(),
			Instant.parse("2026-01-01T00:00:00Z"));

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ForumService forums;

	@Test
	void establishingAnswers201WithTheForumItsLocationAndETag() throws Exception {
		given(this.forums.establish(any(), eq("62.71"), eq("Forum KIM Palangka Raya"), eq(List.of()), eq(List.of())))
			.willReturn(FORUM);
		this.mvc
			.perform(post("/api/forums").with(AGENCY)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"kabupaten\": \"62.71\", \"name\": \" Forum KIM Palangka Raya \"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/forums/" + FORUM.getId()))
			.andExpect(header().exists(HttpHeaders.ETAG))
			.andExpect(jsonPath("$.kabupaten").value("62.71"));
	}

	@Test
	void aCoordinatorWithoutAPositionIsA400NamingTheField() throws Exception {
		this.mvc.perform(post("/api/forums").with(AGENCY).contentType(MediaType.APPLICATION_JSON).content("""
				{"kabupaten": "62.71", "name": "Forum",
				 "coordinators": [{"groupId": "group-1", "memberId": "member-1"}]}"""))
			.andExpect(status().isBadRequest())
			.andExpect(problem(400, "validation"))
			.andExpect(jsonPath("$.errors[0].field").value(org.hamcrest.Matchers.containsString("position")));
		verifyNoInteractions(this.forums);
	}

	@Test
	void aForumWithoutANameIsA400() throws Exception {
		this.mvc
			.perform(post("/api/forums").with(AGENCY)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"kabupaten\": \"62.71\"}"))
			.andExpect(invalid("name"));
		verifyNoInteractions(this.forums);
	}

	@Test
	void aSecondForumInAKabupatenIsA409ProblemNamingTheRule() throws Exception {
		given(this.forums.establish(any(), eq("62.71"), any(), any(), any()))
			.willThrow(DomainException.ruleViolated("forum-exists", "kabupaten 62.71 already has its Forum KIM"));
		this.mvc
			.perform(post("/api/forums").with(AGENCY)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"kabupaten\": \"62.71\", \"name\": \"Forum\"}"))
			.andExpect(problem(409, "forum-exists"));
	}

	@Test
	void forumsArePaged() throws Exception {
		given(this.forums.list(any(), eq(0), eq(20))).willReturn(new PageView<>(List.of(FORUM), 0, 20, 1));
		this.mvc.perform(get("/api/forums").with(AGENCY))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value(FORUM.getId()));
	}

	@Test
	void aNegativePageIsA400NamingPage() throws Exception {
		this.mvc.perform(get("/api/forums").with(AGENCY).param("page", "-1")).andExpect(invalid("page"));
		verifyNoInteractions(this.forums);
	}

	@Test
	void anUnknownForumIsA404Problem() throws Exception {
		given(this.forums.get(any(), eq("forum-62.99"))).willThrow(DomainException.notFound("forum", "forum-62.99"));
		this.mvc.perform(get("/api/forums/forum-62.99").with(AGENCY)).andExpect(problem(404, "not-found"));
	}

	@Test
	void aStaleIfMatchIsA412Problem() throws Exception {
		given(this.forums.update(any(), eq(FORUM.getId()), eq("\"4\""), eq("Forum"), any()))
			.willThrow(DomainException.staleVersion("it changed"));
		this.mvc
			.perform(patch("/api/forums/" + FORUM.getId()).with(AGENCY)
				.header(HttpHeaders.IF_MATCH, "\"4\"")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"Forum\"}"))
			.andExpect(problem(412, "stale-version"));
	}

	@Test
	void addingAGroupWithoutItsIdIsA400() throws Exception {
		this.mvc
			.perform(post("/api/forums/" + FORUM.getId() + "/groups").with(AGENCY)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(invalid("groupId"));
		verifyNoInteractions(this.forums);
	}

	@Test
	void removingAGroupThatIsNotAMemberIsA404Problem() throws Exception {
		given(this.forums.removeGroup(any(), eq(FORUM.getId()), eq("group-9")))
			.willThrow(DomainException.notFound("member group", "group-9"));
		this.mvc.perform(delete("/api/forums/" + FORUM.getId() + "/groups/group-9").with(AGENCY))
			.andExpect(problem(404, "not-found"));
	}

}
