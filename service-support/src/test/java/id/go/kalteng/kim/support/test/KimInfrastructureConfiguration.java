package id.go.kalteng.kim.support.test;

import java.util.UUID;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points a Spring test context at {@link KimInfrastructure}: the broker, the database (a
 * fresh database per context, so contexts never see each other's data) and a local issuer
 * that is never called (tests use mock JWTs).
 */
@TestConfiguration(proxyBeanMethods = false)
public class KimInfrastructureConfiguration {

	/** The phone hash key of every test context (each service must share one). */
	public static final String TEST_PHONE_HASH_KEY = "kim-test-phone-hash-key-0123456789abcdef";

	@Bean
	DynamicPropertyRegistrar kimInfrastructureProperties() {
		KimInfrastructure.Infrastructure infrastructure = KimInfrastructure.get();
		String database = "test-" + UUID.randomUUID().toString().substring(0, 8);
		return (registry) -> {
			registry.add("spring.kafka.bootstrap-servers", infrastructure::kafkaBootstrapServers);
			registry.add("spring.mongodb.uri", infrastructure::mongoUri);
			registry.add("spring.mongodb.database", () -> database);
			registry.add("kim.phone-hash-key", () -> TEST_PHONE_HASH_KEY);
		};
	}

}
