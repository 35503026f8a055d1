package id.go.kalteng.kim.support.test;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The Kafka broker and MongoDB server of integration tests, one per test JVM: real
 * containers (Testcontainers) where a Docker engine exists, otherwise an in-process KRaft
 * broker and the MongoDB-wire server. Tests only ever see a bootstrap address and a
 * connection string.
 */
public final class KimInfrastructure {

	private static Infrastructure instance;

	private KimInfrastructure() {
	}

	/** Starts the infrastructure on first use and says which kind it is. */
	public static synchronized Infrastructure get() {
		if (instance == null) {
			instance = dockerAvailable() ? new Containers() : new Embedded();
			System.out.println("[kim-test] Kafka and MongoDB for integration tests: " + instance.describe());
		}
		return instance;
	}

	private static boolean dockerAvailable() {
		if (Boolean.getBoolean("kim.test.embedded") || !dockerMayBeThere()) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | Error ex) {
			return false;
		}
	}

	/**
	 * Whether there is any sign of a Docker engine; without one, Testcontainers' own
	 * probe is skipped (it would only log an ERROR before the embedded fallback).
	 */
	private static boolean dockerMayBeThere() {
		if (System.getenv("DOCKER_HOST") != null || System.getenv("TESTCONTAINERS_HOST_OVERRIDE") != null) {
			return true;
		}
		String home = System.getProperty("user.home");
		String runtime = System.getenv().getOrDefault("XDG_RUNTIME_DIR", "/nonexistent");
		return Stream
			.of(Path.of("/var/run/docker.sock"), Path.of("/run/docker.sock"),
					Path.of(home, ".docker", "run", "docker.sock"), Path.of(home, ".docker", "desktop", "docker.sock"),
					Path.of(home, ".colima", "default", "docker.sock"), Path.of(home, ".testcontainers.properties"),
					Path.of(runtime, "docker.sock"), Path.of(runtime, "podman", "podman.sock"))
			.anyMatch(Files::exists);
	}

	/** What a test needs to reach the broker and the database. */
	public interface Infrastructure {

		String kafkaBootstrapServers();

		String mongoUri();

		String describe();

	}

	private static final class Containers implements Infrastructure {

		private final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");

		/**
		 * A single-member replica set (Testcontainers initiates {@code docker-rs}), as
		 * production runs MongoDB: its connection string names the set.
		 */
		private final MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");

		Containers() {
			this.kafka.start();
			this.mongo.start();
		}

		@Override
		public String kafkaBootstrapServers() {
			return this.kafka.getBootstrapServers();
		}

		@Override
		public String mongoUri() {
			return this.mongo.getConnectionString();
		}

		@Override
		public String describe() {
			return "Testcontainers (Docker): " + this.kafka.getDockerImageName() + ", "
					+ this.mongo.getDockerImageName();
		}

	}

	private static final class Embedded implements Infrastructure {

		private final EmbeddedKafkaKraftBroker kafka;

		private final MongoServer mongo;

		private final String mongoUri;

		Embedded() {
			this.kafka = new EmbeddedKafkaKraftBroker(1, 3);
			this.kafka.brokerProperty("auto.create.topics.enable", "true");
			this.kafka.brokerProperty("group.initial.rebalance.delay.ms", "0");
			// one broker: transactions (stream-service's public log) need their state log
			// on it
			this.kafka.brokerProperty("transaction.state.log.replication.factor", "1");
			this.kafka.brokerProperty("transaction.state.log.min.isr", "1");
			this.kafka.afterPropertiesSet();
			this.mongo = new MongoServer(new MemoryBackend());
			this.mongo.bind("127.0.0.1", 0);
			InetSocketAddress address = this.mongo.getLocalAddress();
			this.mongoUri = "mongodb://127.0.0.1:" + address.getPort();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				this.mongo.shutdownNow();
				this.kafka.destroy();
			}));
		}

		@Override
		public String kafkaBootstrapServers() {
			return this.kafka.getBrokersAsString();
		}

		@Override
		public String mongoUri() {
			return this.mongoUri;
		}

		@Override
		public String describe() {
			return "embedded (no Docker engine): in-process KRaft broker at " + kafkaBootstrapServers()
					+ ", mongo-java-server at " + this.mongoUri;
		}

	}

}
