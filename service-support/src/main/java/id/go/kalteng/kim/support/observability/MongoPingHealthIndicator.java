package id.go.kalteng.kim.support.observability;

import org.bson.Document;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * MongoDB health by {@code ping}, which a real mongod and the local MongoDB-wire server
 * both answer; Boot's own indicator sends {@code hello}, which the wire server does not
 * know, so {@code /actuator/health} (the launcher's readiness check) stayed DOWN.
 * Registered by {@code KimSupportConfiguration} as {@code mongoHealthIndicator}; the
 * platform defaults switch Boot's off ({@code management.health.mongo.enabled=false}).
 */

public class MongoPingHealthIndicator extends AbstractHealthIndicator {

	private final MongoTemplate mongo;

	public MongoPingHealthIndicator(MongoTemplate mongo) {
		super("MongoDB health check failed");
		this.mongo = mongo;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		this.mongo.executeCommand(new Document("ping", 1));
		builder.up().withDetail("database", this.mongo.getDb().getName());
	}

}
