package id.go.kalteng.kim.infra.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Kafka for agencies on the broker {@code ./kim up} runs (its own {@code KIM_HOME}, ports
 * +21000): an agency logs in with SCRAM-SHA-512 on the agency listener and reads its own
 * kabupaten's {@code kim.public.<kabupaten>} topic in a consumer group named after it,
 * and can do nothing else: no other kabupaten's topic, no domain topic, no foreign group,
 * no write of any kind. A wrong password is refused. The local listener the services use
 * still serves everything, and the access outlives a restart.
 */
@TestMethodOrder(OrderAnnotation.class)
class AgencyKafkaAccessIT {

	private static final String OWN_TOPIC = "kim.public.62-71";

	private static final String OTHER_TOPIC = "kim.public.62-03";

	private static final String DOMAIN_TOPIC = "kim.group.events";

	/** The 14 kabupaten/kota of Kalimantan Tengah, one public topic each. */
	private static final Set<String> PUBLIC_TOPICS = Set.of("kim.public.62-01", "kim.public.62-02", "kim.public.62-03",
			"kim.public.62-04", "kim.public.62-05", "kim.public.62-06", "kim.public.62-07", "kim.public.62-08",
			"kim.public.62-09", "kim.public.62-10", "kim.public.62-11", "kim.public.62-12", "kim.public.62-13",
			"kim.public.62-71");

	private static final String RUN = UUID.randomUUID().toString();

	private static final String PASSWORD_6203 = "from-the-environment-" + RUN;

	private static KimLauncher launcher;

	@BeforeAll
	static void startInfrastructure() throws Exception {
		launcher = new KimLauncher(Files.createTempDirectory("kim-agency-it"), 21000);
		KimLauncher.Result up = launcher.run(Duration.ofMinutes(4), "up", "--infra-only");
		assertThat(up.succeeded()).as(up.output()).isTrue();
		assertThat(up.output()).contains("kafka for agencies     localhost:" + launcher.port("KIM_KAFKA_AGENCY_PORT"))
			.contains(launcher.home() + "/data/secrets/kafka-agency-NNNN")
			.doesNotContain(password("agency-6271"));
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(local(producerConfig()))) {
			producer.send(new ProducerRecord<>(OWN_TOPIC, "62.71", "own-" + RUN)).get();
			producer.send(new ProducerRecord<>(OTHER_TOPIC, "62.03", "other-" + RUN)).get();
			producer.send(new ProducerRecord<>(DOMAIN_TOPIC, "g-1", "domain-" + RUN)).get();
		}
	}

	@AfterAll
	static void stopInfrastructure() throws Exception {
		KimLauncher.Result down = launcher.run(Duration.ofMinutes(3), "down");
		assertThat(down.succeeded()).as(down.output()).isTrue();
		assertThat(launcher.leftovers()).isEmpty();
		// kept after a failure, for its logs; gone after a clean run, with its passwords
		FileSystemUtils.deleteRecursively(launcher.home());
	}

	@Test
	@Order(1)
	void upMakesEveryPublicTopicWithOnePartitionAndAPasswordFileOnlyItsOwnerReads() throws Exception {
		try (Admin admin = Admin.create(local(new HashMap<>()))) {
			var topics = admin.describeTopics(PUBLIC_TOPICS).allTopicNames().get();
			assertThat(topics).hasSize(14)
				.allSatisfy((name, topic) -> assertThat(topic.partitions()).as(name).hasSize(1));
		}
		Path file = launcher.home().resolve("data/secrets/kafka-agency-6271");
		assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
			.containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
		assertThat(password("agency-6271")).hasSize(48).isNotEqualTo(password("agency-6203"));
		String log = Files.readString(launcher.home().resolve("logs/kafka-agencies.log"), StandardCharsets.UTF_8);
		assertThat(log).contains("agency-6271  kim.public.62-71  groups agency-6271-*  password " + file)
			.doesNotContain(password("agency-6271"), password("agency-6203"));
	}

	@Test
	@Order(2)
	void agencyConsumesItsOwnTopicInAGroupOfItsOwn() {
		String group = "agency-6271-it-" + RUN;
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(agencyConsumer("agency-6271", group))) {
			consumer.subscribe(List.of(OWN_TOPIC));
			assertThat(pollUntil(consumer, "own-" + RUN)).doesNotContain("other-" + RUN, "domain-" + RUN);
			consumer.commitSync();
		}
		try (Admin admin = Admin.create(local(new HashMap<>()))) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(
						() -> assertThat(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get())
							.containsKey(new TopicPartition(OWN_TOPIC, 0)));
		}
	}

	@Test
	@Order(3)
	void everyAgencySeesItsOwnTopicAndNoOther() throws Exception {
		for (String topic : PUBLIC_TOPICS) {
			String agency = "agency-" + topic.substring("kim.public.".length()).replace("-", "");
			try (Admin admin = Admin.create(agencyClient(agency, password(agency), new HashMap<>()))) {
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(
							() -> assertThat(admin.listTopics().names().get()).as(agency).containsExactly(topic));
				assertThat(admin.describeAcls(AclBindingFilter.ANY).values()).as("%s may not read the ACLs", agency)
					.failsWithin(Duration.ofSeconds(30))
					.withThrowableThat()
					.havingCause()
					.isInstanceOf(AuthorizationException.class);
			}
		}
	}

	@Test
	@Order(4)
	void agencyCannotReadAnotherKabupatensTopicOrADomainTopic() {
		for (String topic : List.of(OTHER_TOPIC, DOMAIN_TOPIC)) {
			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
					agencyConsumer("agency-6271", "agency-6271-it-" + RUN))) {
				consumer.subscribe(List.of(topic));
				assertThat(refusal(consumer)).isInstanceOfSatisfying(TopicAuthorizationException.class,
						(refused) -> assertThat(refused.unauthorizedTopics()).containsExactly(topic));
			}
			// without a group, straight to the partition, is no way around it
			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(agencyConsumer("agency-6271", null))) {
				consumer.assign(List.of(new TopicPartition(topic, 0)));
				consumer.seekToBeginning(consumer.assignment());
				assertThat(refusal(consumer)).isInstanceOf(TopicAuthorizationException.class);
			}
		}
	}

	@Test
	@Order(5)
	void agencyCannotUseAConsumerGroupOutsideItsPrefix() {
		for (String group : List.of("agency-6203-it-" + RUN, "notification-service", "agency-6271")) {
			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(agencyConsumer("agency-6271", group))) {
				consumer.subscribe(List.of(OWN_TOPIC));
				assertThat(refusal(consumer)).as(group).isInstanceOf(GroupAuthorizationException.class);
			}
		}
	}

	@Test
	@Order(6)
	void agencyCannotWriteAnything() throws Exception {
		Map<TopicPartition, Long> endsBefore = endOffsets(OWN_TOPIC, OTHER_TOPIC, DOMAIN_TOPIC);
		int aclsBefore = allAcls().size();

		for (boolean idempotent : List.of(true, false)) {
			for (String topic : List.of(OWN_TOPIC, OTHER_TOPIC, DOMAIN_TOPIC, "kim.public.62-71-copy")) {
				Map<String, Object> config = producerConfig();
				config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotent);
				// a fresh producer each time: an idempotent one refused its producer id
				// refuses everything after
				try (KafkaProducer<String, String> producer = new KafkaProducer<>(
						agencyClient("agency-6271", password("agency-6271"), config))) {
					assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "x", "forged-" + RUN)).get())
						.as("writing to %s (idempotent %s)", topic, idempotent)
						.hasRootCauseInstanceOf(AuthorizationException.class);
				}
			}
		}
		try (Admin admin = Admin.create(agencyClient("agency-6271", password("agency-6271"), new HashMap<>()))) {
			List<Consumer<Admin>> attempts = List
				.of((agency) -> get(agency.createTopics(List.of(new NewTopic("agency-6271-own", 1, (short) 1))).all()),
						(agency) -> get(agency.deleteTopics(List.of(OWN_TOPIC)).all()),
						(agency) -> get(agency
							.deleteRecords(Map.of(new TopicPartition(OWN_TOPIC, 0), RecordsToDelete.beforeOffset(1)))
							.all()),
						(agency) -> get(agency.createPartitions(Map.of(OWN_TOPIC, NewPartitions.increaseTo(2))).all()),
						(agency) -> get(agency
							.createAcls(List.of(new AclBinding(
									new ResourcePattern(ResourceType.TOPIC, OTHER_TOPIC, PatternType.LITERAL),
									new AccessControlEntry("User:agency-6271", "*", AclOperation.READ,
											AclPermissionType.ALLOW))))
							.all()),
						(agency) -> get(agency
							.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("agency-6203",
									new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), "taken-over")))
							.all()));
			for (Consumer<Admin> attempt : attempts) {
				assertThatThrownBy(() -> attempt.accept(admin)).isInstanceOf(IllegalStateException.class)
					.cause()
					.isInstanceOf(AuthorizationException.class);
			}
		}

		assertThat(endOffsets(OWN_TOPIC, OTHER_TOPIC, DOMAIN_TOPIC)).isEqualTo(endsBefore);
		assertThat(allAcls()).hasSize(aclsBefore);
		try (Admin admin = Admin.create(local(new HashMap<>()))) {
			assertThat(admin.listTopics().names().get()).doesNotContain("agency-6271-own", "kim.public.62-71-copy");
			assertThat(admin.describeTopics(List.of(OWN_TOPIC)).allTopicNames().get().get(OWN_TOPIC).partitions())
				.hasSize(1);
		}
	}

	@Test
	@Order(7)
	void wrongPasswordOrUnknownUserIsRefused() {
		for (String[] credentials : List.of(new String[] { "agency-6271", "wrong-" + RUN },
				new String[] { "agency-6271", password("agency-6203") },
				new String[] { "agency-9999", password("agency-6271") })) {
			try (Admin admin = Admin.create(agencyClient(credentials[0], credentials[1], new HashMap<>()))) {
				assertThat(admin.listTopics().names()).failsWithin(Duration.ofSeconds(30))
					.withThrowableThat()
					.havingCause()
					.isInstanceOf(SaslAuthenticationException.class);
			}
		}
		Map<String, Object> config = agencyClient("agency-6271", "wrong-" + RUN,
				consumerConfig("agency-6271-it-" + RUN));
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of(OWN_TOPIC));
			assertThat(refusal(consumer)).isInstanceOf(SaslAuthenticationException.class);
		}
	}

	@Test
	@Order(8)
	void theLocalListenerStillServesTheServicesAndTools() {
		Map<String, Object> config = local(consumerConfig("notification-service-" + RUN));
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of(DOMAIN_TOPIC, OWN_TOPIC));
			List<String> values = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(500)).forEach((record) -> values.add(record.value()));
				return values.containsAll(List.of("domain-" + RUN, "own-" + RUN));
			});
		}
	}

	@Test
	@Order(9)
	void accessOutlivesARestartAndFollowsAPasswordFromTheEnvironment() throws Exception {
		String password6271 = password("agency-6271");
		int aclsBefore = allAcls().size();
		assertThat(launcher.run(Duration.ofMinutes(3), "down").succeeded()).isTrue();

		KimLauncher.Result up = launcher.run(Duration.ofMinutes(4),
				Map.of("KIM_KAFKA_PASSWORD_AGENCY_6203", PASSWORD_6203), "up", "--infra-only");

		assertThat(up.succeeded()).as(up.output()).isTrue();
		assertThat(up.output()).doesNotContain(PASSWORD_6203);
		assertThat(launcher.home().resolve("logs/kafka-agencies.log")).content()
			.contains("agency-6203  kim.public.62-03  groups agency-6203-*  password $KIM_KAFKA_PASSWORD_AGENCY_6203")
			.doesNotContain(PASSWORD_6203);
		assertThat(password("agency-6271")).isEqualTo(password6271);
		assertThat(allAcls()).hasSize(aclsBefore);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				agencyConsumer("agency-6271", "agency-6271-after-restart-" + RUN))) {
			consumer.subscribe(List.of(OWN_TOPIC));
			pollUntil(consumer, "own-" + RUN);
		}
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				agencyClient("agency-6203", PASSWORD_6203, consumerConfig("agency-6203-it-" + RUN)))) {
			consumer.subscribe(List.of(OTHER_TOPIC));
			pollUntil(consumer, "other-" + RUN);
		}
		try (Admin admin = Admin.create(agencyClient("agency-6203", password("agency-6203"), new HashMap<>()))) {
			assertThat(admin.listTopics().names()).as("the generated password no longer opens agency-6203")
				.failsWithin(Duration.ofSeconds(30))
				.withThrowableThat()
				.havingCause()
				.isInstanceOf(SaslAuthenticationException.class);
		}
	}

	private static List<String> pollUntil(KafkaConsumer<String, String> consumer, String value) {
		List<String> values = new ArrayList<>();
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
				values.add(record.value());
			}
			return values.contains(value);
		});
		return values;
	}

	/** What the broker answers a consumer that may not do what it asks. */
	private static RuntimeException refusal(KafkaConsumer<String, String> consumer) {
		AtomicReference<RuntimeException> refused = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			try {
				assertThat(consumer.poll(Duration.ofMillis(500))).as("records handed to a refused consumer").isEmpty();
				return false;
			}
			catch (AuthorizationException | SaslAuthenticationException ex) {
				refused.set(ex);
				return true;
			}
		});
		return refused.get();
	}

	private static Map<TopicPartition, Long> endOffsets(String... topics) throws Exception {
		try (Admin admin = Admin.create(local(new HashMap<>()))) {
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			for (String topic : topics) {
				admin.describeTopics(List.of(topic))
					.allTopicNames()
					.get()
					.get(topic)
					.partitions()
					.forEach((partition) -> latest.put(new TopicPartition(topic, partition.partition()),
							OffsetSpec.latest()));
			}
			Map<TopicPartition, Long> ends = new HashMap<>();
			admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
			return ends;
		}
	}

	private static List<AclBinding> allAcls() throws Exception {
		try (Admin admin = Admin.create(local(new HashMap<>()))) {
			return List.copyOf(admin.describeAcls(AclBindingFilter.ANY).values().get());
		}
	}

	private static void get(KafkaFuture<Void> future) {
		try {
			future.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String password(String agency) {
		try {
			return Files.readString(launcher.home().resolve("data/secrets/kafka-" + agency), StandardCharsets.UTF_8)
				.strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, Object> agencyConsumer(String agency, String group) {
		return agencyClient(agency, password(agency), consumerConfig(group));
	}

	private static Map<String, Object> agencyClient(String user, String password, Map<String, Object> config) {
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + launcher.port("KIM_KAFKA_AGENCY_PORT"));
		config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
		config.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
		config.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required"
				+ " username=\"" + user + "\" password=\"" + password + "\";");
		config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
		return config;
	}

	private static Map<String, Object> local(Map<String, Object> config) {
		config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + launcher.port("KIM_KAFKA_PORT"));
		return config;
	}

	private static Map<String, Object> consumerConfig(String group) {
		Map<String, Object> config = new HashMap<>();
		if (group != null) {
			config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		}
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		return config;
	}

	private static Map<String, Object> producerConfig() {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		return config;
	}

}
