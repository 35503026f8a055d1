package id.go.kalteng.kim.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the platform defaults every service shares (broker, database, issuer from
 * environment variables; consumer retries and dead-letter topics; actuator exposure) at
 * the lowest precedence, so a service's own {@code application.yml} and the environment
 * still win. Two settings are derived from the platform's own variables:
 * {@code KIM_LOG_FORMAT=json} turns on Boot's structured (ECS JSON) console logs, and
 * {@code KIM_OTLP_TRACING_ENDPOINT} turns on the export of spans (off when unset).
 */
public class KimDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	private static final String RESOURCE = "kim-defaults.properties";

	/** The structured format {@code KIM_LOG_FORMAT=json} selects. */
	static final String JSON_FORMAT = "ecs";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			new PropertiesPropertySourceLoader().load("kimDefaults", new ClassPathResource(RESOURCE))
				.forEach(environment.getPropertySources()::addLast);
			environment.getPropertySources().addLast(new MapPropertySource("kimDerived", derived(environment)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Map<String, Object> derived(ConfigurableEnvironment environment) {
		Map<String, Object> derived = new HashMap<>();
		if ("json".equalsIgnoreCase(environment.getProperty("KIM_LOG_FORMAT", "text").trim())) {
			derived.put("logging.structured.format.console", JSON_FORMAT);
		}
		String endpoint = environment.getProperty("KIM_OTLP_TRACING_ENDPOINT", "").trim();
		if (!endpoint.isEmpty()) {
			derived.put("management.opentelemetry.tracing.export.otlp.endpoint", endpoint);
		}
		return derived;
	}

}
