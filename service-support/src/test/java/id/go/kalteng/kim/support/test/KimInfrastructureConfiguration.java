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

	@Bean
	DynamicPropertyRegistrar kimInfrastructureProperties() {
		KimInfrastructure.Infrastructure infrastructure = KimInfrastructure.get();
		String database = "test-" + UUID.randomUUID().toString().substring(0, 8);
		return (registry) -> {
			registry.add("spring.kafka.bootstrap-servers", infrastructure::kafkaBootstrapServers);
			registry.add("spring.mongodb.uri", infrastructure::mongoUri);
			registry.add("spring.mongodb.database", () -> database);
		};
	}

}
