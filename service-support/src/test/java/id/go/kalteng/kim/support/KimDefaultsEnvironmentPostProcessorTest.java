package id.go.kalteng.kim.support;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's observability variables: {@code KIM_LOG_FORMAT=json} selects Boot's
 * structured console logs, {@code KIM_OTLP_TRACING_ENDPOINT} the export of spans; without
 * them logs stay text and no span leaves the process.
 */
class KimDefaultsEnvironmentPostProcessorTest {

	@Test
	void jsonLogsAndSpanExportAreChosenByTheEnvironment() {
		StandardEnvironment environment = environment(
				Map.of("KIM_LOG_FORMAT", "json", "KIM_OTLP_TRACING_ENDPOINT", "http://collector:4318/v1/traces"));

		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
		assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
			.isEqualTo("http://collector:4318/v1/traces");
	}

	@Test
	void byDefaultLogsAreTextAndNoSpanIsExported() {
		StandardEnvironment environment = environment(Map.of());

		assertThat(environment.getProperty("logging.structured.format.console")).isNull();
		assertThat(environment.containsProperty("management.opentelemetry.tracing.export.otlp.endpoint")).isFalse();
		assertThat(environment.getProperty("management.tracing.sampling.probability")).isEqualTo("0.1");
	}

	@Test
	void aServicesOwnSettingWins() {
		StandardEnvironment environment = environment(
				Map.of("KIM_LOG_FORMAT", "json", "logging.structured.format.console", "logstash"));

		assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
	}

	private static StandardEnvironment environment(Map<String, Object> given) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("given", given));
		new KimDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}

}
