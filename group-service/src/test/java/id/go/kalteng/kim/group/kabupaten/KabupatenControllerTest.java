package id.go.kalteng.kim.group.kabupaten;

import id.go.kalteng.kim.support.test.ControllerSliceTest;
import id.go.kalteng.kim.support.test.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ControllerSliceTest(KabupatenController.class)
class KabupatenControllerTest {

	@Autowired
	MockMvc mvc;

	@Test
	void listsTheFourteenKabupatenAndKotaOfKalimantanTengah() throws Exception {
		this.mvc.perform(get("/api/kabupaten").with(TestTokens.agency("62.71")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items", hasSize(14)))
			.andExpect(jsonPath("$.items[?(@.code == '62.71')].name")
				.value(org.hamcrest.Matchers.hasItem("Kota Palangka Raya")));
	}

	@Test
	void anAnonymousCallerGetsA401Problem() throws Exception {
		this.mvc.perform(get("/api/kabupaten"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

}
