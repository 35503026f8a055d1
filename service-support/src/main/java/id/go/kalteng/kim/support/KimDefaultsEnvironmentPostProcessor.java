package id.go.kalteng.kim.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the platform defaults every service shares (broker, database, issuer from
 * environment variables; consumer retries and dead-letter topics; actuator exposure) at
 * the lowest precedence, so a service's own {@code application.yml} and the environment
 * still win.
 */
public class KimDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

	private static final String RESOURCE = "kim-defaults.properties";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			new PropertiesPropertySourceLoader().load("kimDefaults", new ClassPathResource(RESOURCE))
				.forEach(environment.getPropertySources()::addLast);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
