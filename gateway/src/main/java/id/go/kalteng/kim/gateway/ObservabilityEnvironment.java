package id.go.kalteng.kim.gateway;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The platform's observability variables, read as the services read them
 * (service-support's defaults): {@code KIM_LOG_FORMAT=json} for structured (ECS JSON)
 * console logs, {@code KIM_OTLP_TRACING_ENDPOINT} to export spans (none when unset). At
 * the lowest precedence, so Boot's own properties still win.
 */
public class ObservabilityEnvironment implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> derived = new HashMap<>();
		if ("json".equalsIgnoreCase(environment.getProperty("KIM_LOG_FORMAT", "text").trim())) {
			derived.put("logging.structured.format.console", "ecs");
		}
		String endpoint = environment.getProperty("KIM_OTLP_TRACING_ENDPOINT", "").trim();
		if (!endpoint.isEmpty()) {
			derived.put("management.opentelemetry.tracing.export.otlp.endpoint", endpoint);
		}
		environment.getPropertySources().addLast(new MapPropertySource("kimObservability", derived));
	}

}
