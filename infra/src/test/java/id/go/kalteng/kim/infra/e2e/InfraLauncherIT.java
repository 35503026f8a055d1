package id.go.kalteng.kim.infra.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./kim up --infra-only} and {@code ./kim down} as a developer uses them: the
 * broker, database and issuer answer, a second start starts nothing, data outlives a
 * restart and nothing is left running afterwards. Needs only this module.
 */
@TestMethodOrder(OrderAnnotation.class)
class InfraLauncherIT {

	private static final String TOPIC = "kim.launcher.check";

	private static final String RECORD = "record-" + UUID.randomUUID();

	private static KimLauncher launcher;

	@BeforeAll
	static void startInfrastructure() throws Exception {
		launcher = new KimLauncher(Files.createTempDirectory("kim-infra-it"), 20000);
		KimLauncher.Result up = launcher.run(Duration.ofMinutes(4), "up", "--infra-only");
		assertThat(up.succeeded()).as(up.output()).isTrue();
	}

	@AfterAll
	static void stopInfrastructure() throws Exception {
		KimLauncher.Result down = launcher.run(Duration.ofMinutes(3), "down");
		assertThat(down.succeeded()).as(down.output()).isTrue();
		assertThat(launcher.leftovers()).isEmpty();
	}

	@Test
	@Order(1)
	void brokerDatabaseAndIssuerAnswer() throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
			producer.send(new ProducerRecord<>(TOPIC, "key", RECORD)).get();
		}
		assertThat(consumeAll()).contains(RECORD);

		try (MongoClient client = MongoClients.create(mongoUri())) {
			groups(client).insertOne(new Document("_id", "g-1").append("name", "KIM Betang Informasi"));
		}

		String token = new PublicApi("unused", launcher.url("KIM_AUTH_PORT")).token("operator-1");
		assertThat(token.split("\\.")).hasSize(3);
	}

	@Test
	@Order(2)
	void secondStartReportsWhatRunsAndStartsNothing() throws Exception {
		String statusBefore = launcher.run(Duration.ofSeconds(30), "status").output();

		KimLauncher.Result again = launcher.run(Duration.ofMinutes(2), "up", "--infra-only");

		assertThat(again.succeeded()).as(again.output()).isTrue();
		assertThat(again.output()).contains("kafka already running", "mongo already running", "auth already running");
		assertThat(launcher.run(Duration.ofSeconds(30), "status").output()).isEqualTo(statusBefore);
		assertThat(statusBefore).containsPattern("kafka +running +\\d+ +" + launcher.port("KIM_KAFKA_PORT"))
			.containsPattern("auth +running +\\d+ +" + launcher.port("KIM_AUTH_PORT") + " +UP");
	}

	/**
	 * Building again while the platform runs rewrites every jar and class file; a JVM
	 * that loads a class later from a rewritten jar fails (NoClassDefFoundError). The
	 * processes run from copies under their KIM_HOME instead.
	 */
	@Test
	@Order(2)
	void processesRunFromACopyOfTheBuildSoThatBuildingAgainCannotBreakThem() {
		List<String> running = launcher.leftovers();

		assertThat(running).hasSize(3)
			.allSatisfy((commandLine) -> assertThat(commandLine).contains(launcher.home() + "/run/infra-classes.")
				.doesNotContain("infra/target/classes"));
	}

	@Test
	@Order(3)
	void dataOutlivesDownAndUp() throws Exception {
		assertThat(launcher.run(Duration.ofMinutes(3), "down").succeeded()).isTrue();
		assertThat(launcher.leftovers()).isEmpty();

		KimLauncher.Result up = launcher.run(Duration.ofMinutes(4), "up", "--infra-only");

		assertThat(up.succeeded()).as(up.output()).isTrue();
		try (MongoClient client = MongoClients.create(mongoUri())) {
			assertThat(groups(client).find(new Document("_id", "g-1")).first()).isNotNull();
		}
		assertThat(consumeAll()).contains(RECORD);
		assertThat(Path.of(launcher.home().toString(), "logs", "kafka.log")).isRegularFile();
	}

	private static List<String> consumeAll() {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
			consumer.subscribe(List.of(TOPIC));
			List<String> values = new java.util.ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					values.add(record.value());
				}
				return values.contains(RECORD);
			});
			return values;
		}
	}

	private static Map<String, Object> producerConfig() {
		return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
				StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
	}

	private static Map<String, Object> consumerConfig() {
		return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ConsumerConfig.GROUP_ID_CONFIG,
				"kim-launcher-check-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
	}

	private static String bootstrap() {
		return "localhost:" + launcher.port("KIM_KAFKA_PORT");
	}

	private static String mongoUri() {
		return "mongodb://localhost:" + launcher.port("KIM_MONGODB_PORT");
	}

	private static MongoCollection<Document> groups(MongoClient client) {
		return client.getDatabase("kim-launcher-check").getCollection("groups");
	}

}
