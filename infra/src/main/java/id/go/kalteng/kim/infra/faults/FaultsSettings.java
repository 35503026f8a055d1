package id.go.kalteng.kim.infra.faults;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./kim faults} runs: from its options and the environment the launcher gives
 * it.
 *
 * @param quick shorter outages and the quick set of scenarios
 * @param scenarios the scenarios' numbers, in the order they run
 * @param out where the JSON goes
 * @param cluster the platform is {@code ./kim up --cluster} (three brokers, two instances
 * of each backend service): scenario 10 runs, and only it
 */
record FaultsSettings(boolean quick, List<Integer> scenarios, Path out, URI gateway, URI tokenEndpoint, String secret,
		String kafkaBootstrap, int stubPort, Path launcher, int groupsPerScenario, int leaseSeconds, boolean cluster) {

	/** Scenarios of --quick: what fits in 10 minutes with the platform's start. */
	static final List<Integer> QUICK = List.of(1, 2, 7, 8);

	static final List<Integer> ALL = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9);

	/** Scenarios of --cluster (on ./kim up --cluster). */
	static final List<Integer> CLUSTER = List.of(10);

	static FaultsSettings from(String[] args, Map<String, String> env) {
		boolean quick = false;
		boolean cluster = false;
		List<Integer> only = null;
		Path out = null;
		int groups = 67;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick" -> quick = true;
				case "--cluster" -> cluster = true;
				case "--only" -> {
					only = new ArrayList<>();
					for (String number : value(args, ++i).split(",")) {
						int scenario = Integer.parseInt(number.trim());
						if (!ALL.contains(scenario) && !CLUSTER.contains(scenario)) {
							throw new IllegalArgumentException("no scenario " + scenario + " (1..10)");
						}
						only.add(scenario);
					}
				}
				case "--out" -> out = Path.of(value(args, ++i));
				case "--groups" -> groups = Integer.parseInt(value(args, ++i));
				default -> throw new IllegalArgumentException(
						"unknown option " + args[i] + " (use --quick, --only N,N, --out FILE, --groups N, --cluster)");
			}
		}
		List<Integer> scenarios = (only != null) ? only : (cluster ? CLUSTER : (quick ? QUICK : ALL));
		if (cluster ? !CLUSTER.containsAll(scenarios) : scenarios.stream().anyMatch(CLUSTER::contains)) {
			throw new IllegalArgumentException(cluster ? "--cluster runs scenario 10 only (the others need one broker)"
					: "scenario 10 needs the cluster: ./kim faults --cluster");
		}
		if (groups < 1 || groups > 99) {
			throw new IllegalArgumentException("--groups 1..99 per scenario (30 members each)");
		}
		String home = require(env, "KIM_HOME");
		if (out == null) {
			out = Path.of(home, "faults",
					DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
							+ ".json");
		}
		return new FaultsSettings(quick, scenarios, out, URI.create(require(env, "KIM_GATEWAY_URL")),
				URI.create(require(env, "KIM_TOKEN_URL")), env.getOrDefault("KIM_DEMO_CLIENT_SECRET", "kim-demo"),
				require(env, "KIM_KAFKA_BOOTSTRAP"), Integer.parseInt(require(env, "KIM_FAULTS_STUB_PORT")),
				Path.of(require(env, "KIM_LAUNCHER")), groups,
				seconds(env.getOrDefault("KIM_NOTIFICATION_LEASE", "2m")), cluster);
	}

	private static String value(String[] args, int index) {
		if (index >= args.length) {
			throw new IllegalArgumentException(args[index - 1] + " needs a value");
		}
		return args[index];
	}

	private static String require(Map<String, String> env, String name) {
		String value = env.get(name);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " is not set (run it as ./kim faults)");
		}
		return value;
	}

	/** A Spring duration like 30s or 2m, in seconds. */
	static int seconds(String duration) {
		String value = duration.trim();
		if (value.endsWith("ms")) {
			return Math.max(1, Integer.parseInt(value.substring(0, value.length() - 2)) / 1000);
		}
		int unit = switch (value.charAt(value.length() - 1)) {
			case 's' -> 1;
			case 'm' -> 60;
			case 'h' -> 3600;
			default -> 0;
		};
		return (unit == 0) ? Integer.parseInt(value) : Integer.parseInt(value.substring(0, value.length() - 1)) * unit;
	}

	int members() {
		return 30;
	}

	int uploadConcurrency() {
		return 4;
	}

	long stubDelayMillis() {
		return 20;
	}

	int brokerOutage() {
		return this.quick ? 20 : 60;
	}

	int databaseOutage() {
		return this.quick ? 30 : 120;
	}

	int smsOutage() {
		return this.quick ? 45 : 180;
	}

	int quietSeconds() {
		return this.quick ? 8 : 20;
	}

	/**
	 * How long no new delivery may last before the suite stops waiting for the rest:
	 * longer than a claim's lease plus the driver's 30 s server selection, so a recovery
	 * by lease, or a database stalled by a loaded machine, is waited for.
	 */
	int stallSeconds() {
		return Math.max(this.quick ? 60 : 120, leaseSeconds() + 60);
	}

	/** At most this long after the fault for every delivery, however it progresses. */
	int deliveryTimeoutSeconds() {
		return this.quick ? 480 : 1200;
	}

	int catchUpTimeoutSeconds() {
		return 600;
	}

}
