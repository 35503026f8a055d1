package id.go.kalteng.kim.activity.stats;

import java.util.Map;

import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.test.ControllerSliceTest;
import id.go.kalteng.kim.support.test.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP face of the activity figures alone (the stats mocked). */
@ControllerSliceTest(StatsController.class)
class StatsControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ActivityStats stats;

	@Test
	void theFiguresOfAYearAndKabupatenAreAnswered() throws Exception {
		given(this.stats.of(any(KimPrincipal.class), eq(2026), eq("62.71"))).willReturn(new ActivityStats.Figures(2026,
				"62.71", 3, Map.of(), Map.of(), Map.of(), Map.of(), Map.of("PLANNED", 3L), 0, null));
		this.mvc
			.perform(get("/api/activities/stats").param("year", "2026")
				.param("kabupaten", "62.71")
				.with(TestTokens.operator("operator-1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(3))
			.andExpect(jsonPath("$.byStatus.PLANNED").value(3));
	}

	@Test
	void withoutAYearTheServiceIsAskedForTheCurrentOne() throws Exception {
		given(this.stats.of(any(KimPrincipal.class), isNull(), isNull())).willReturn(
				new ActivityStats.Figures(2026, null, 0, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), 0, null));
		this.mvc.perform(get("/api/activities/stats").with(TestTokens.operator("operator-1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.year").value(2026));
	}

	@Test
	void aYearOutOfRangeOrAnUnknownKabupatenIsAProblemNamingIt() throws Exception {
		this.mvc.perform(get("/api/activities/stats").param("year", "1999").with(TestTokens.operator("operator-1")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field", containsString("year")));
		this.mvc
			.perform(get("/api/activities/stats").param("kabupaten", "63.01").with(TestTokens.operator("operator-1")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field", containsString("kabupaten")));
		verifyNoInteractions(this.stats);
	}

	@Test
	void aCallWithoutTokenIsUnauthorized() throws Exception {
		this.mvc.perform(get("/api/activities/stats"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

}
