package id.go.kalteng.kim.console.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiProblemTests {

	@Test
	void problemJsonKeepsTitleDetailAndEachFieldError() {
		ApiProblem problem = GatewayApi.problemOf(400,
				"""
						{"type":"https://kim.kalteng.go.id/problems/invalid","title":"Bad Request",
						 "detail":"The request has invalid fields",
						 "errors":[{"field":"message","message":"must not be blank"},{"field":"channels","message":"at most 2"}]}
						""");

		assertThat(problem.status()).isEqualTo(400);
		assertThat(problem.detail()).isEqualTo("The request has invalid fields");
		assertThat(problem.errors()).containsExactly("message: must not be blank", "channels: at most 2");
		assertThat(problem.message()).startsWith("Isian belum benar");
	}

	@Test
	void anAnswerThatIsNotProblemJsonSaysNothingOfItsInsides() {
		ApiProblem problem = GatewayApi.problemOf(502,
				"<html><body>java.lang.IllegalStateException at ...</body></html>");

		assertThat(problem.detail()).isNull();
		assertThat(problem.errors()).isEmpty();
		assertThat(problem.message()).isEqualTo("Layanan KIM sedang bermasalah. Coba lagi sebentar lagi.");
	}

	@Test
	void eachStatusIsToldInWords() {
		assertThat(new ApiProblem(403, null, null, java.util.List.of()).message()).contains("tidak berwenang");
		assertThat(new ApiProblem(404, null, null, java.util.List.of()).message()).contains("di luar wilayah Anda");
		assertThat(new ApiProblem(412, null, null, java.util.List.of()).message()).contains("Muat ulang");
		assertThat(new ApiProblem(409, null, null, java.util.List.of()).message()).contains("keadaan data");
	}

}
