package id.go.kalteng.kim.support.web;

import java.util.List;

import com.mongodb.MongoQueryException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import id.go.kalteng.kim.support.domain.DomainException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.UncategorizedMongoDbException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.annotation.Validated;
import org.springframework.validation.beanvalidation.MethodValidationInterceptor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ProblemDetailsAdviceTest {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new SampleController(), validatedByProxy())
		.setControllerAdvice(new ProblemDetailsAdvice())
		.build();

	/** A controller with class-level {@code @Validated}, proxied as Spring would. */
	private static Object validatedByProxy() {
		ProxyFactory proxy = new ProxyFactory(new ProxiedController());
		proxy.setProxyTargetClass(true);
		proxy.addAdvice(new MethodValidationInterceptor());
		return proxy.getProxy();
	}

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
	void aDatabaseThatIsAwayIsA503ProblemToRetry() throws Exception {
		this.mvc.perform(get("/database/away"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "1"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://kim.kalteng.go.id/problems/unavailable"));
	}

	@Test
	void anyOtherDatabaseFailureIsA500ProblemThatRevealsNothingOfTheDatabase() throws Exception {
		this.mvc.perform(get("/database/broken"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://kim.kalteng.go.id/problems/internal-error"))
			.andExpect(content().string(not(containsString("Chunk"))));
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

	@ParameterizedTest
	@CsvSource({ "not-found, 404, not-found", "invalid, 400, validation", "forbidden, 403, not-author",
			"stale, 412, stale-version", "rule, 409, four-eyes" })
	void aDomainRefusalIsAProblemWithItsKindsStatusAndItsRuleAsType(String kind, int status, String type)
			throws Exception {
		this.mvc.perform(get("/refusals/" + kind))
			.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://kim.kalteng.go.id/problems/" + type));
		if ("invalid".equals(kind)) {
			this.mvc.perform(get("/refusals/invalid")).andExpect(jsonPath("$.errors[0].field").value("name"));
		}
	}

	@Test
	void concurrentSaveIsAConflict() throws Exception {
		this.mvc.perform(post("/samples/race").contentType(MediaType.APPLICATION_JSON).content(valid()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("https://kim.kalteng.go.id/problems/concurrent-change"));
	}

	@Test
	void aConstraintCheckedByAValidatedProxyIsABadRequestNamingTheParameter() throws Exception {
		this.mvc.perform(get("/proxied?size=1000"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://kim.kalteng.go.id/problems/validation"))
			.andExpect(jsonPath("$.errors[0].field").value("size"))
			.andExpect(jsonPath("$.errors[0].message").value("must be less than or equal to 100"));
	}

	@Test
	void aParameterConstraintCheckedByMvcIsABadRequestNamingTheParameter() throws Exception {
		this.mvc.perform(get("/samples?q=" + "x".repeat(101)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("q"));
	}

	@Test
	void aMissingOrMistypedQueryParameterIsNamed() throws Exception {
		this.mvc.perform(get("/required"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("phone"))
			.andExpect(jsonPath("$.errors[0].message").value("is required"));
		this.mvc.perform(get("/samples?setting=KOTA"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("setting"))
			.andExpect(jsonPath("$.errors[0].message").value("must be one of [PERKOTAAN, PERDESAAN]"));
		this.mvc.perform(get("/samples?year=2026.5"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("year"))
			.andExpect(jsonPath("$.errors[0].message").value("must be a whole number"));
	}

	@Test
	void aMissingHeaderIsNamed() throws Exception {
		this.mvc.perform(post("/headers"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("X-Signature"));
	}

	@Test
	void anInvalidElementOfABodyListIsNamedByItsIndex() throws Exception {
		this.mvc
			.perform(post("/lists").contentType(MediaType.APPLICATION_JSON)
				.content("[{\"name\":\"KIM\",\"kabupaten\":\"62.71\"},{\"name\":\"\",\"kabupaten\":\"62.71\"}]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("[1].name"));
		this.mvc.perform(post("/lists").contentType(MediaType.APPLICATION_JSON).content("[]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("body"));
	}

	@Test
	void aBodyOfAnotherContentTypeIsUnsupportedNamingWhatIsAccepted() throws Exception {
		this.mvc.perform(post("/samples/1").contentType(MediaType.TEXT_PLAIN).content(valid()))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://kim.kalteng.go.id/problems/unsupported-media-type"))
			.andExpect(jsonPath("$.detail", containsString("application/json")))
			.andExpect(jsonPath("$.errors[0].field").value("Content-Type"));
	}

	@Test
	void anAnswerTheClientDoesNotAcceptIsAProblemNamingAccept() throws Exception {
		this.mvc.perform(get("/records").accept(MediaType.APPLICATION_XML))
			.andExpect(status().isNotAcceptable())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://kim.kalteng.go.id/problems/not-acceptable"))
			.andExpect(jsonPath("$.errors[0].field").value("Accept"));
	}

	@Test
	void anUnsupportedMethodIsAProblemToo() throws Exception {
		this.mvc.perform(delete("/samples/1"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://kim.kalteng.go.id/problems/method-not-allowed"));
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
	@Validated
	static class ProxiedController {

		@GetMapping("/proxied")
		String list(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
			return "ok";
		}

	}

	@RestController
	static class SampleController {

		@GetMapping("/samples")
		String search(@RequestParam(required = false) @Size(max = 100) String q,
				@RequestParam(required = false) Setting setting, @RequestParam(required = false) Integer year) {
			return "ok";
		}

		@GetMapping("/records")
		SampleRequest record() {
			return new SampleRequest("KIM", "62.71", Setting.PERKOTAAN, 40);
		}

		@GetMapping("/required")
		String required(@RequestParam String phone) {
			return phone;
		}

		@PostMapping("/headers")
		String headers(@RequestHeader("X-Signature") String signature) {
			return signature;
		}

		@PostMapping("/lists")
		String lists(@Valid @RequestBody @NotEmpty List<@Valid SampleRequest> requests) {
			return "ok";
		}

		@GetMapping("/database/{failure}")
		void database(@PathVariable String failure) {
			throw switch (failure) {
				case "away" -> new DataAccessResourceFailureException("Timed out after 30000 ms while waiting",
						new MongoTimeoutException("no server"));
				default ->
					new UncategorizedMongoDbException("Command failed: Chunk 1205 not found", new MongoQueryException(
							new BsonDocument("errmsg", new BsonString("Chunk 1205 not found")), new ServerAddress()));
			};
		}

		@GetMapping("/refusals/{kind}")
		void refuse(@PathVariable String kind) {
			throw switch (kind) {
				case "not-found" -> DomainException.notFound("group", "g-9");
				case "invalid" -> DomainException.invalid("name", "must not be blank");
				case "forbidden" -> DomainException.forbidden("not-author", "only its author may submit it");
				case "stale" -> DomainException.staleVersion("read it again");
				default -> DomainException.ruleViolated("four-eyes", "the author cannot approve it");
			};
		}

		@PostMapping("/samples/{id}")
		void change(@PathVariable String id, @RequestHeader(name = "If-Match", required = false) String ifMatch,
				@Valid @RequestBody SampleRequest request) {
			if ("full".equals(id)) {
				throw DomainException.ruleViolated("group-full", "The group already has 30 members");
			}
			if ("race".equals(id)) {
				throw new OptimisticLockingFailureException("raced");
			}
			ETags.checkIfMatch(ifMatch, 2);
		}

	}

}
