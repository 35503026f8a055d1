package id.go.kalteng.kim.infra.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The demo agencies, read from where they are declared: the local issuer's clients with
 * the role {@code AGENCY} in the {@code local} profile of infra's
 * {@code application.yml}. An agency client added there gets its Kafka user, topic and
 * grants on the next {@code ./kim up}, under the same name and kabupaten its tokens
 * carry.
 */
public final class DemoAgencies {

	private static final String ISSUER_CONFIGURATION = "application.yml";

	private static final String PROFILE = "local";

	private DemoAgencies() {
	}

	/**
	 * Every agency client of the local issuer, in the order declared.
	 * @return the agencies; never empty
	 */
	public static List<KafkaAgency> fromIssuerConfiguration() {
		List<PropertySource<?>> documents;
		try {
			documents = new YamlPropertySourceLoader().load(ISSUER_CONFIGURATION,
					new ClassPathResource(ISSUER_CONFIGURATION));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the issuer's " + ISSUER_CONFIGURATION, ex);
		}
		List<KafkaAgency> agencies = documents.stream()
			.filter((document) -> PROFILE.equals(document.getProperty("spring.config.activate.on-profile")))
			.flatMap((document) -> new Binder(ConfigurationPropertySources.from(document))
				.bind("kim.auth.clients", Bindable.listOf(IssuerClient.class))
				.orElse(List.of())
				.stream())
			.filter(IssuerClient::isAgency)
			.map((client) -> new KafkaAgency(client.id(), client.kabupaten()))
			.toList();
		if (agencies.isEmpty()) {
			throw new IllegalStateException(
					"No AGENCY client in the '" + PROFILE + "' profile of " + ISSUER_CONFIGURATION);
		}
		return agencies;
	}

	/**
	 * What this class needs of a configured client (the rest of its settings are the
	 * issuer's).
	 */
	record IssuerClient(String id, @Nullable List<String> roles, @Nullable String kabupaten) {

		boolean isAgency() {
			return this.roles != null && this.roles.contains("AGENCY") && this.kabupaten != null;
		}

	}

}
