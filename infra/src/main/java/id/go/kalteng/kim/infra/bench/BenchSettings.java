package id.go.kalteng.kim.infra.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the platform is and how big the run is: ports and URLs from the environment
 * {@code ./kim bench} sets, size from the command line.
 *
 * @param gateway the public entry
 * @param services each service straight (its own port: the gateway comparison and each
 * service's {@code /actuator/prometheus}), by name, gateway included
 * @param tokenEndpoint the issuer's token endpoint
 * @param kafkaBootstrap the broker
 * @param mongoUri the MongoDB-wire server
 * @param secret the demo operators' secret
 * @param groups groups registered (their joins are the projection catch-up)
 * @param members members per group
 * @param broadcastGroups the first this many groups get the SMS broadcast of P1/P2
 * @param pacingGroups the first this many groups get the WhatsApp broadcast of P3
 * @param whatsappLimit notification-service's WhatsApp limit (messages/s) P3 is a share
 * of
 * @param uploadConcurrency parallel roster uploads
 * @param large whether to run the 100,000-recipient broadcast for the services' peak heap
 * @param largeGroups groups of the large run
 * @param largeTimeoutSeconds how long the large broadcast may take to be final
 * @param producerRecords records for ProducerPerformance
 * @param concurrency parallel clients in the gateway comparison
 * @param requests requests per side in the gateway comparison
 * @param deliveryTimeoutSeconds how long to wait for every message to be final (P2, P3)
 * @param out where the JSON goes (null: {@code <KIM_HOME>/bench/<timestamp>.json})
 * @param home KIM_HOME
 */
record BenchSettings(URI gateway, Map<String, URI> services, URI tokenEndpoint, String kafkaBootstrap, String mongoUri,
		String secret, int groups, int members, int broadcastGroups, int pacingGroups, int whatsappLimit,
		int uploadConcurrency, boolean large, int largeGroups, int largeTimeoutSeconds, int producerRecords,
		int concurrency, int requests, int deliveryTimeoutSeconds, Path out, Path home) {

	/** Group indexes are four digits of a member's number (RosterCsv). */
	static final int MAX_GROUPS = 9999;

	/** The default run registers this many groups: 10,020 joins. */
	static final int DEFAULT_GROUPS = 334;

	/** The default P1/P2 broadcast: 3,000 recipients, as in issue #8's first figures. */
	static final int DEFAULT_BROADCAST_GROUPS = 100;

	/** P3 sends at least this many, for at least 20 s of sending at 80/s. */
	static final int DEFAULT_PACING_RECIPIENTS = 1800;

	static final String USAGE = "use --small | --large | --groups N --members N --broadcast-groups N --pacing-recipients N"
			+ " --upload-concurrency N --large-groups N --large-timeout S --producer-records N --concurrency N"
			+ " --requests N --delivery-timeout S --out FILE";

	static BenchSettings from(String[] args, Map<String, String> env) {
		Map<String, String> options = new LinkedHashMap<>();
		boolean small = false;
		boolean large = false;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--small")) {
				small = true;
				continue;
			}
			if (arg.equals("--large")) {
				large = true;
				continue;
			}
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected " + arg + " (" + USAGE + ")");
			}
			if (i + 1 >= args.length) {
				throw new IllegalArgumentException("missing value for " + arg);
			}
			options.put(arg, args[++i]);
		}
		int groups = small ? 10 : DEFAULT_GROUPS;
		int members = 30;
		Integer broadcastGroups = null;
		int pacingRecipients = small ? 300 : DEFAULT_PACING_RECIPIENTS;
		int uploadConcurrency = 4;
		int largeGroups = 3334;
		int largeTimeout = 14_400;
		int producerRecords = 200_000;
		int concurrency = 8;
		int requests = 4000;
		int deliveryTimeout = 900;
		Path out = null;
		for (Map.Entry<String, String> option : options.entrySet()) {
			String arg = option.getKey();
			String value = option.getValue();
			switch (arg) {
				case "--groups" -> groups = positive(arg, value, MAX_GROUPS);
				case "--members" -> members = positive(arg, value, 99);
				case "--broadcast-groups" -> broadcastGroups = positive(arg, value, MAX_GROUPS);
				case "--pacing-recipients" -> pacingRecipients = positive(arg, value, Integer.MAX_VALUE);
				case "--upload-concurrency" -> uploadConcurrency = positive(arg, value, 64);
				case "--large-groups" -> largeGroups = positive(arg, value, MAX_GROUPS);
				case "--large-timeout" -> largeTimeout = positive(arg, value, 86_400);
				case "--producer-records" -> producerRecords = positive(arg, value, Integer.MAX_VALUE);
				case "--concurrency" -> concurrency = positive(arg, value, 256);
				case "--requests" -> requests = positive(arg, value, Integer.MAX_VALUE);
				case "--delivery-timeout" -> deliveryTimeout = positive(arg, value, 86_400);
				case "--out" -> out = Path.of(value);
				default -> throw new IllegalArgumentException("unknown option " + arg + " (" + USAGE + ")");
			}
		}
		int broadcast = (broadcastGroups != null) ? broadcastGroups : Math.min(groups, DEFAULT_BROADCAST_GROUPS);
		if (broadcast > groups) {
			throw new IllegalArgumentException("--broadcast-groups " + broadcast + " exceeds --groups " + groups);
		}
		if (large && groups + largeGroups > MAX_GROUPS + 1) {
			throw new IllegalArgumentException("--groups plus --large-groups exceed " + (MAX_GROUPS + 1));
		}
		int pacingGroups = Math.min(groups, (pacingRecipients + members - 1) / members);
		Map<String, URI> services = new LinkedHashMap<>();
		services.put("group-service", URI.create(env.getOrDefault("KIM_GROUP_URL", "http://localhost:8081")));
		services.put("activity-service", URI.create(env.getOrDefault("KIM_ACTIVITY_URL", "http://localhost:8082")));
		services.put("dissemination-service",
				URI.create(env.getOrDefault("KIM_DISSEMINATION_URL", "http://localhost:8083")));
		services.put("notification-service",
				URI.create(env.getOrDefault("KIM_NOTIFICATION_URL", "http://localhost:8084")));
		URI gateway = URI.create(env.getOrDefault("KIM_GATEWAY_URL", "http://localhost:8080"));
		// the gateway serves its actuator only on a management port (./kim bench --own
		// opens one)
		services.put("gateway", URI.create(env.getOrDefault("KIM_GATEWAY_MANAGEMENT_URL", gateway.toString())));
		return new BenchSettings(gateway, Collections.unmodifiableMap(services),
				URI.create(env.getOrDefault("KIM_TOKEN_URL", "http://localhost:9000/oauth2/token")),
				env.getOrDefault("KIM_KAFKA_BOOTSTRAP", "localhost:9092"),
				env.getOrDefault("KIM_MONGODB_URI", "mongodb://localhost:27017"),
				env.getOrDefault("KIM_DEMO_CLIENT_SECRET", "kim-demo"), groups, members, broadcast, pacingGroups,
				positive("KIM_NOTIFICATION_WHATSAPP_PER_SECOND",
						env.getOrDefault("KIM_NOTIFICATION_WHATSAPP_PER_SECOND", "80"), Integer.MAX_VALUE),
				uploadConcurrency, large, largeGroups, largeTimeout, producerRecords, concurrency, requests,
				deliveryTimeout, out, Path.of(env.getOrDefault("KIM_HOME", ".kim")));
	}

	private static int positive(String option, String value, int max) {
		try {
			int number = Integer.parseInt(value.trim());
			if (number >= 1 && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new IllegalArgumentException(option + " must be a whole number from 1 to " + max + ": " + value);
	}

	/** Joins the run makes before the broadcasts (the projection catch-up). */
	int joins() {
		return this.groups * this.members;
	}

	/** Recipients of the P1/P2 broadcast. */
	int recipients() {
		return this.broadcastGroups * this.members;
	}

	/** Recipients of the P3 broadcast. */
	int pacingRecipients() {
		return this.pacingGroups * this.members;
	}

	URI groupService() {
		return this.services.get("group-service");
	}

	String target() {
		return "gateway " + this.gateway + ", group-service " + groupService() + ", kafka " + this.kafkaBootstrap
				+ ", mongodb " + this.mongoUri;
	}

}
