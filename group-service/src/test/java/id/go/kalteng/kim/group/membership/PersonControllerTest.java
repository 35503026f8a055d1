package id.go.kalteng.kim.group.membership;

import java.util.List;

import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.test.ControllerSliceTest;
import id.go.kalteng.kim.support.test.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static id.go.kalteng.kim.group.ProblemJson.invalid;
import static id.go.kalteng.kim.group.ProblemJson.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ControllerSliceTest(PersonController.class)
class PersonControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	MembershipService memberships;

	@Test
	void membershipsAreLookedUpByTheNormalisedNumber() throws Exception {
		given(this.memberships.membershipsOf(any(), eq("+6281234567890"))).willReturn(List.of());
		this.mvc.perform(get("/api/members").with(TestTokens.operator("operator-1")).param("phone", "0812 3456 7890"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(0));
	}

	@Test
	void aLookupWithoutANumberIsA400NamingPhone() throws Exception {
		this.mvc.perform(get("/api/members").with(TestTokens.operator("operator-1"))).andExpect(invalid("phone"));
		verifyNoInteractions(this.memberships);
	}

	@Test
	void anErasureAnswersWhatWasErasedAndThatTheRequestWasRecorded() throws Exception {
		given(this.memberships.eraseEverywhere(any(), eq("+6281234567890")))
			.willReturn(List.of(new MembershipService.Erased("group-1", "member-1")));
		this.mvc
			.perform(post("/api/members/erasure").with(TestTokens.operator("operator-1"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"phone\": \"+62 812-3456-7890\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.erased").value(1))
			.andExpect(jsonPath("$.memberships[0].memberId").value("member-1"))
			.andExpect(jsonPath("$.requested").value(true));
	}

	@Test
	void anErasureWithABlankOrBadNumberIsA400NamingPhone() throws Exception {
		this.mvc
			.perform(post("/api/members/erasure").with(TestTokens.operator("operator-1"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"phone\": \"\"}"))
			.andExpect(invalid("phone"));
		this.mvc
			.perform(post("/api/members/erasure").with(TestTokens.operator("operator-1"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"phone\": \"not a number\"}"))
			.andExpect(invalid("phone"));
		verifyNoInteractions(this.memberships);
	}

	@Test
	void anErasureByANonOperatorIsA403Problem() throws Exception {
		given(this.memberships.eraseEverywhere(any(), any()))
			.willThrow(DomainException.forbidden("only operators may erase a person's personal data"));
		this.mvc
			.perform(post("/api/members/erasure").with(TestTokens.agency("62.71"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"phone\": \"081234567890\"}"))
			.andExpect(problem(403, "forbidden"));
	}

}
