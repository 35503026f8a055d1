package id.go.kalteng.kim.support.web;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class PagingTest {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new ListingController())
		.setCustomArgumentResolvers(new PagingArgumentResolver())
		.setControllerAdvice(new ProblemDetailsAdvice())
		.build();

	@Test
	void withoutParametersAListingAnswersItsFirstPageOfItsDefaultSize() throws Exception {
		this.mvc.perform(get("/things"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page").value(0))
			.andExpect(jsonPath("$.size").value(50));
		this.mvc.perform(get("/others?page=3&size=100"))
			.andExpect(jsonPath("$.page").value(3))
			.andExpect(jsonPath("$.size").value(100));
	}

	@Test
	void aSizeOutsideTheListingsBoundsIsABadRequestNamingSize() throws Exception {
		for (String size : new String[] { "0", "-5", "201", "1000" }) {
			this.mvc.perform(get("/things?size=" + size))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value("size"))
				.andExpect(jsonPath("$.errors[0].message").value("must be a whole number from 1 to 200"));
		}
		this.mvc.perform(get("/others?size=101"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message").value("must be a whole number from 1 to 100"));
	}

	@Test
	void aNegativeOrNonNumericPageIsABadRequestNamingPage() throws Exception {
		for (String page : new String[] { "-1", "abc", "1.5", "99999999999999999999", "0x10" }) {
			this.mvc.perform(get("/things?page=" + page))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("page"))
				.andExpect(jsonPath("$.errors[0].message").value("must be a whole number from 0"));
		}
		this.mvc.perform(get("/things?page=x&size=y"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.length()").value(2));
	}

	@Test
	void aPageBeyondAHundredThousandItemsIsRefusedWithAdviceToNarrowTheFilter() throws Exception {
		this.mvc.perform(get("/others?page=21474837&size=100"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("page"))
			.andExpect(jsonPath("$.errors[0].message", containsString("narrow the filter")));
		this.mvc.perform(get("/others?page=1000&size=100")).andExpect(status().isOk());
		this.mvc.perform(get("/others?page=1001&size=100")).andExpect(status().isBadRequest());
		this.mvc.perform(get("/others?page=100000&size=1")).andExpect(status().isOk());
	}

	@Test
	void theSkipOfAnAcceptedPageNeverOverflows() {
		Paging deepest = Paging.of("1000", "100", 20, 100);
		assertThat(deepest.skip()).isEqualTo(100_000L);
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Paging.of(String.valueOf(Long.MAX_VALUE), "100", 20, 100));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Paging.of(String.valueOf(Integer.MAX_VALUE), "2", 20, 100));
	}

	record Page(int page, int size) {
	}

	@RestController
	static class ListingController {

		@GetMapping("/things")
		Page things(@PageNumber int page, @PageSize(value = 50, max = 200) int size) {
			return new Page(page, size);
		}

		@GetMapping("/others")
		Page others(@PageNumber int page, @PageSize int size) {
			return new Page(page, size);
		}

	}

}
