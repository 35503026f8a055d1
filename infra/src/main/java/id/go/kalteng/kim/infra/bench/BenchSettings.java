package id.go.kalteng.kim.infra.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the platform is and how big the run is: ports and URLs from the environment
 * {@code ./kim bench} sets, size from the command line.
 *
 * @param gateway the public entry
 * @param groupService group-service straight, for the gateway comparison
 * @param tokenEndpoint the issuer's token endpoint
 * @param kafkaBootstrap the broker
 * @param mongoUri the MongoDB-wire server
 * @param secret the demo operators' secret
 * @param groups groups in the broadcast
 * @param members members per group
 * @param producerRecords records for ProducerPerformance
 * @param concurrency parallel clients in the gateway comparison
 * @param requests requests per side in the gateway comparison
 * @param deliveryTimeoutSeconds how long to wait for every message to be final
 * @param out where the JSON goes (null: {@code <KIM_HOME>/bench/<timestamp>.json})
 * @param home KIM_HOME
 */
record BenchSettings(URI gateway, URI groupService, URI tokenEndpoint, String kafkaBootstrap, String mongoUri,
		String secret, int groups, int members, int producerRecords, int concurrency, int requests,
		int deliveryTimeoutSeconds, Path out, Path home) {

	static BenchSettings from(String[] args, Map<String, String> env) {
		int groups = 100;
		int members = 30;
		int producerRecords = 200_000;
		int concurrency = 8;
		int requests = 4000;
		int deliveryTimeout = 900;
		Path out = null;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("missing value for " + arg);
			}
			String value = args[++i];
			switch (arg) {
				case "--groups" -> groups = positive(arg, value, 999);
				case "--members" -> members = positive(arg, value, 99);
				case "--producer-records" -> producerRecords = positive(arg, value, Integer.MAX_VALUE);
				case "--concurrency" -> concurrency = positive(arg, value, 256);
				case "--requests" -> requests = positive(arg, value, Integer.MAX_VALUE);
				case "--delivery-timeout" -> deliveryTimeout = positive(arg, value, 86_400);
				case "--out" -> out = Path.of(value);
				default -> throw new IllegalArgumentException("unknown option " + arg
						+ " (use --groups N --members N --producer-records N --concurrency N --requests N --delivery-timeout S --out FILE)");
			}
		}
		return new BenchSettings(URI.create(env.getOrDefault("KIM_GATEWAY_URL", "http://localhost:8080")),
				URI.create(env.getOrDefault("KIM_GROUP_URL", "http://localhost:8081")),
				URI.create(env.getOrDefault("KIM_TOKEN_URL", "http://localhost:9000/oauth2/token")),
				env.getOrDefault("KIM_KAFKA_BOOTSTRAP", "localhost:9092"),
				env.getOrDefault("KIM_MONGODB_URI", "mongodb://localhost:27017"),
				env.getOrDefault("KIM_DEMO_CLIENT_SECRET", "kim-demo"), groups, members, producerRecords, concurrency,
				requests, deliveryTimeout, out, Path.of(env.getOrDefault("KIM_HOME", ".kim")));
	}

	private static int positive(String option, String value, int max) {
		try {
			int number = Integer.parseInt(value);
			if (number >= 1 && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new IllegalArgumentException(option + " must be a whole number from 1 to " + max + ": " + value);
	}

	int recipients() {
		return this.groups * this.members;
	}

	String target() {
		return "gateway " + this.gateway + ", group-service " + this.groupService + ", kafka " + this.kafkaBootstrap
				+ ", mongodb " + this.mongoUri;
	}

}
