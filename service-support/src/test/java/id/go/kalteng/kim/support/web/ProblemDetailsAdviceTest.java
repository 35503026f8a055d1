package id.go.kalteng.kim.support.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.junit.jupiter.api.Test;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ProblemDetailsAdviceTest {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new SampleController())
		.setControllerAdvice(new ProblemDetailsAdvice())
		.build();

	@Test
	void invalidFieldsAreListedByName() throws Exception {
		this.mvc
			.perform(post("/samples/1").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"\",\"kabupaten\":\"99\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://kim.kalteng.go.id/problems/validation"))
			.andExpect(jsonPath("$.errors[?(@.field == 'name')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'kabupaten')]").exists());
	}

	@Test
	void malformedJsonIsABadRequestProblem() throws Exception {
		this.mvc.perform(post("/samples/1").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://kim.kalteng.go.id/problems/malformed-body"));
	}

	@Test
	void aValueOfTheWrongKindIsNamedAsAFieldError() throws Exception {
		this.mvc
			.perform(post("/samples/1").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"KIM\",\"kabupaten\":\"62.71\",\"setting\":\"KOTA\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("https://kim.kalteng.go.id/problems/validation"))
			.andExpect(jsonPath("$.errors[0].field").value("setting"))
			.andExpect(jsonPath("$.errors[0].message").value("must be one of [PERKOTAAN, PERDESAAN]"));
		this.mvc
			.perform(post("/samples/1").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"KIM\",\"kabupaten\":\"62.71\",\"capacity\":\"banyak\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("capacity"));
	}

	@Test
	void ruleViolationIsAConflictNamingTheRule() throws Exception {
		this.mvc.perform(post("/samples/full").contentType(MediaType.APPLICATION_JSON).content(valid()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("https://kim.kalteng.go.id/problems/group-full"))
			.andExpect(jsonPath("$.detail").value("The group already has 30 members"));
	}

	@Test
	void staleIfMatchIsAPreconditionFailure() throws Exception {
		this.mvc.perform(
				post("/samples/1").header("If-Match", "\"1\"").contentType(MediaType.APPLICATION_JSON).content(valid()))
			.andExpect(status().isPreconditionFailed())
			.andExpect(jsonPath("$.type").value("https://kim.kalteng.go.id/problems/stale-version"));
	}

	@Test
	void concurrentSaveIsAConflict() throws Exception {
		this.mvc.perform(post("/samples/race").contentType(MediaType.APPLICATION_JSON).content(valid()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("https://kim.kalteng.go.id/problems/concurrent-change"));
	}

	private static String valid() {
		return "{\"name\":\"KIM Menteng\",\"kabupaten\":\"62.71\"}";
	}

	record SampleRequest(@NotBlank String name, @Pattern(regexp = "62\\.\\d\\d") String kabupaten, Setting setting,
			Integer capacity) {
	}

	enum Setting {

		PERKOTAAN, PERDESAAN

	}

	@RestController
	static class SampleController {

		@PostMapping("/samples/{id}")
		void change(@PathVariable String id, @RequestHeader(name = "If-Match", required = false) String ifMatch,
				@Valid @RequestBody SampleRequest request) {
			if ("full".equals(id)) {
				throw ApiException.ruleViolated("group-full", "The group already has 30 members");
			}
			if ("race".equals(id)) {
				throw new OptimisticLockingFailureException("raced");
			}
			ETags.checkIfMatch(ifMatch, 2);
		}

	}

}
