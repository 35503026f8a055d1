package id.go.kalteng.kim.support.outbox;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.contracts.group.GroupUpdatedEvent;
import id.go.kalteng.kim.support.outbox.SupportTestApplication.TestGroup;
import id.go.kalteng.kim.support.test.KimInfrastructure;
import id.go.kalteng.kim.support.test.KimInfrastructureConfiguration;
import id.go.kalteng.kim.support.test.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the relay promises when things go wrong: a poison event is parked and blocks
 * nothing else, one aggregate's events keep their order, two instances never publish the
 * same event, a broker outage parks nothing. Each "instance" is a whole application
 * context on one database; relays are driven round by round unless the test is about the
 * relay's own loop.
 */
class OutboxRelayGuaranteesTest {

	/** Smaller than the oversized events these tests record, far above the others. */
	private static final String SMALL_REQUESTS = "--spring.kafka.producer.properties.max.request.size=65536";

	private static final String OVERSIZED = "KIM Besar " + "x".repeat(100_000);

	private final String database = "relay-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private TopicReader groupEvents;

	@BeforeEach
	void subscribe() {
		this.groupEvents = new TopicReader(Topics.GROUP_EVENTS);
	}

	@AfterEach
	void close() {
		this.groupEvents.close();
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void anOversizedEventIsParkedAndOtherAggregatesGoOutInTheSameRound() {
		ConfigurableApplicationContext service = start(false, SMALL_REQUESTS);
		AggregateStore store = service.getBean(AggregateStore.class);
		String poison = UUID.randomUUID().toString();
		String first = UUID.randomUUID().toString();
		String second = UUID.randomUUID().toString();
		store.save(TestGroup.register(poison, OVERSIZED, "62.71"));
		store.save(TestGroup.register(first, "KIM Sei Gohong", "62.71"));
		store.save(TestGroup.register(second, "KIM Kalampangan", "62.71"));

		assertThat(service.getBean(OutboxRelay.class).publishPending()).isEqualTo(2);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(this.groupEvents.forSubject(first)).hasSize(1);
			assertThat(this.groupEvents.forSubject(second)).hasSize(1);
		});
		assertThat(this.groupEvents.forSubject(poison)).isEmpty();
		assertThat(pendingOf(service, first)).isEmpty();
		assertThat(pendingOf(service, second)).isEmpty();
		assertThat(pendingOf(service, poison)).isEmpty();
		assertThat(service.getBean(ParkedEvents.class).list()).singleElement().satisfies((parked) -> {
			assertThat(parked.collection()).isEqualTo("test_groups");
			assertThat(parked.aggregateId()).isEqualTo(poison);
			assertThat(parked.type()).isEqualTo(GroupRegisteredEvent.TYPE);
			assertThat(parked.error()).contains("RecordTooLargeException");
			assertThat(parked.heldBehind()).isNull();
		});
		assertThat(service.getBean(MeterRegistry.class).get("kim.outbox.parked").counter().count()).isEqualTo(1);

		// the next rounds publish nothing again and try the poison no more
		assertThat(service.getBean(OutboxRelay.class).publishPending()).isZero();
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(this.groupEvents.forSubject(first)).hasSize(1);
			assertThat(this.groupEvents.forSubject(poison)).isEmpty();
		});
	}

	@Test
	void aParkedEventHoldsTheLaterEventsOfItsAggregateUntilAnOperatorRetriesThem() {
		ConfigurableApplicationContext service = start(false, SMALL_REQUESTS);
		AggregateStore store = service.getBean(AggregateStore.class);
		OutboxRelay relay = service.getBean(OutboxRelay.class);
		String id = UUID.randomUUID().toString();
		TestGroup group = store.save(TestGroup.register(id, "KIM Urut", "62.71"));
		group.renameAndAnnounce(OVERSIZED);
		store.save(group);
		group.renameAndAnnounce("KIM Urut Baru");
		store.save(group);
		relay.publishPending();

		group.renameAndAnnounce("KIM Urut Lagi");
		store.save(group);
		relay.publishPending();

		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(names(this.groupEvents.forSubject(id))).containsExactly("KIM Urut"));
		List<ParkedEvent> parked = service.getBean(ParkedEvents.class).list();
		assertThat(parked).extracting(ParkedEvent::type).containsOnly(GroupUpdatedEvent.TYPE).hasSize(3);
		assertThat(parked.get(0).error()).contains("RecordTooLargeException");
		assertThat(parked.subList(1, 3)).extracting(ParkedEvent::heldBehind).containsOnly(parked.get(0).eventId());

		// the operator raises the size limit (another instance here) and retries
		ConfigurableApplicationContext fixed = start(false);
		assertThat(fixed.getBean(ParkedEvents.class).retry("test_groups", id)).isEqualTo(3);
		fixed.getBean(OutboxRelay.class).publishPending();

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(names(this.groupEvents.forSubject(id))).containsExactly("KIM Urut",
					OVERSIZED, "KIM Urut Baru", "KIM Urut Lagi"));
		assertThat(fixed.getBean(ParkedEvents.class).list()).isEmpty();
	}

	@Test
	void twoRelaysOnOneDatabasePublishEachEventOnce() {
		ConfigurableApplicationContext one = start(false);
		ConfigurableApplicationContext other = start(false);
		List<String> ids = IntStream.range(0, 300).mapToObj((i) -> UUID.randomUUID().toString()).toList();
		one.getBean(AggregateStore.class)
			.insertAllIgnoringExisting(ids.stream().map((id) -> TestGroup.register(id, "KIM " + id, "62.11")).toList());

		CompletableFuture<Integer> first = CompletableFuture
			.supplyAsync(() -> one.getBean(OutboxRelay.class).publishPending());
		CompletableFuture<Integer> second = CompletableFuture
			.supplyAsync(() -> other.getBean(OutboxRelay.class).publishPending());
		assertThat(first.join() + second.join()).isEqualTo(300);

		Set<String> wanted = Set.copyOf(ids);
		await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(wanted).size() == 300);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			Map<String, Long> perSubject = deliveries(wanted);
			assertThat(perSubject).hasSize(300);
			assertThat(perSubject.values()).containsOnly(1L);
		});
	}

	@Test
	void aBrokerOutageParksNothingAndTheEventsGoOutWhenTheBrokerIsBack() throws IOException {
		ConfigurableApplicationContext cutOff = start(true,
				"--spring.kafka.bootstrap-servers=127.0.0.1:" + closedPort(),
				"--spring.kafka.producer.properties.max.block.ms=300", "--spring.kafka.admin.auto-create=false",
				"--kim.outbox.poll-interval=100ms", "--kim.outbox.retry-after=100ms");
		String id = UUID.randomUUID().toString();
		cutOff.getBean(AggregateStore.class).save(TestGroup.register(id, "KIM Tumbang Nusa", "62.11"));

		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(cutOff.getBean(ParkedEvents.class).list()).isEmpty();
			assertThat(pendingOf(cutOff, id)).hasSize(1);
		});
		cutOff.close();

		ConfigurableApplicationContext connected = start(true);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.groupEvents.forSubject(id).size() == 1);
		assertThat(connected.getBean(ParkedEvents.class).list()).isEmpty();
		await().untilAsserted(() -> assertThat(pendingOf(connected, id)).isEmpty());
	}

	@Test
	void theRelayFindsPendingDocumentsThroughAnIndexOfOnlyThoseWithPendingEvents() {
		ConfigurableApplicationContext service = start(false);
		String id = UUID.randomUUID().toString();
		service.getBean(AggregateStore.class).save(TestGroup.register(id, "KIM Bereng Bengkel", "62.71"));
		MongoTemplate mongo = service.getBean(MongoTemplate.class);
		assertThat(mongo.getCollection("test_groups").find(new Document("_id", id)).first())
			.containsKey(OutboxRelay.PENDING_SINCE);

		service.getBean(OutboxRelay.class).publishPending();

		assertThat(mongo.getCollection("test_groups").find(new Document("_id", id)).first())
			.doesNotContainKey(OutboxRelay.PENDING_SINCE);
		List<Document> indexes = mongo.getCollection("test_groups").listIndexes().into(new ArrayList<>());
		assertThat(indexes).anySatisfy((index) -> {
			assertThat(index.get("key", Document.class)).isEqualTo(new Document(OutboxRelay.PENDING_SINCE, 1));
			assertThat(index.get("partialFilterExpression", Document.class))
				.isEqualTo(new Document(OutboxRelay.PENDING_SINCE, new Document("$exists", true)));
		});
	}

	@Test
	void savesAndTheirPublicationTouchDocumentsOnlyByIdSoNothingScansTheCollection() {
		ConfigurableApplicationContext service = start(true, "--kim.outbox.scan-interval=1h");
		AggregateStore store = service.getBean(AggregateStore.class);
		RecordedCommands commands = service.getBean(RecordedCommands.class);
		// the relay's first pass scans for leftovers, then publishes what saves report
		String first = UUID.randomUUID().toString();
		store.save(TestGroup.register(first, "KIM Pertama", "62.11"));
		await().atMost(Duration.ofSeconds(30)).until(() -> pendingOf(service, first).isEmpty());
		commands.clear();
		List<String> ids = IntStream.range(0, 120).mapToObj((i) -> UUID.randomUUID().toString()).toList();
		store.insertAllIgnoringExisting(
				ids.subList(0, 100).stream().map((id) -> TestGroup.register(id, "KIM " + id, "62.11")).toList());
		for (String id : ids.subList(100, 120)) {
			TestGroup group = store.save(TestGroup.register(id, "KIM " + id, "62.11"));
			group.renameAndAnnounce("KIM Baru " + id);
			store.save(group);
		}

		await().atMost(Duration.ofSeconds(30))
			.until(() -> deliveries(Set.copyOf(ids)).size() == 120
					&& ids.stream().allMatch((id) -> pendingOf(service, id).isEmpty()));
		assertThat(commands.on("test_groups")).isNotEmpty()
			.allSatisfy((command) -> assertThat(command.byIdOnly()).as(command.toString()).isTrue());
		assertThat(commands.on(OutboxRelay.LEASES)).isNotEmpty()
			.allSatisfy((command) -> assertThat(command.byIdOnly()).as(command.toString()).isTrue());
	}

	@Test
	void eventsSavedWhileTheRelayPublishesAreNeitherLostNorReorderedNorLeftPending() throws Exception {
		ConfigurableApplicationContext service = start(true);
		AggregateStore store = service.getBean(AggregateStore.class);
		String id = UUID.randomUUID().toString();
		TestGroup group = store.save(TestGroup.register(id, "KIM Sei Gohong", "62.71"));
		List<String> names = new ArrayList<>(List.of("KIM Sei Gohong"));
		for (int i = 1; i <= 60; i++) {
			group.renameAndAnnounce("KIM Sei Gohong " + i);
			store.save(group);
			names.add("KIM Sei Gohong " + i);
		}

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(names(this.groupEvents.forSubject(id))).containsExactlyElementsOf(names));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(pendingOf(service, id)).isEmpty();
			assertThat(service.getBean(MongoTemplate.class)
				.getCollection("test_groups")
				.find(new Document("_id", id))
				.first()).doesNotContainKey(OutboxRelay.PENDING_SINCE);
		});
	}

	private Map<String, Long> deliveries(Set<String> subjects) {
		return this.groupEvents.poll()
			.stream()
			.map((record) -> TopicReader.header(record, "ce_subject"))
			.filter((subject) -> subject != null && subjects.contains(subject))
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	private static List<String> names(List<ConsumerRecord<String, byte[]>> records) {
		return records.stream().map((record) -> {
			String json = TopicReader.value(record);
			int start = json.indexOf("\"name\":\"") + 8;
			return json.substring(start, json.indexOf('"', start));
		}).toList();
	}

	@SuppressWarnings("unchecked")
	private static List<Object> pendingOf(ConfigurableApplicationContext context, String id) {
		Document doc = context.getBean(MongoTemplate.class)
			.getCollection("test_groups")
			.find(new Document("_id", id))
			.first();
		List<Object> pending = (List<Object>) doc.get(OutboxEvent.FIELD);
		return (pending != null) ? pending : List.of();
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private ConfigurableApplicationContext start(boolean relayEnabled, String... extra) {
		KimInfrastructure.Infrastructure infrastructure = KimInfrastructure.get();
		List<String> args = new ArrayList<>(List.of("--spring.application.name=support-test", "--server.port=0",
				"--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
				"--spring.mongodb.uri=" + infrastructure.mongoUri(), "--spring.mongodb.database=" + this.database,
				"--kim.phone-hash-key=" + KimInfrastructureConfiguration.TEST_PHONE_HASH_KEY,
				"--kim.outbox.enabled=" + relayEnabled, "--spring.cloud.stream.function.autodetect=false"));
		for (String override : extra) {
			// a repeated option would be joined to a list (two bootstrap servers), not
			// replaced
			String name = override.substring(0, override.indexOf('=') + 1);
			args.removeIf((arg) -> arg.startsWith(name));
			args.add(override);
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SupportTestApplication.class)
			.run(args.toArray(String[]::new));
		this.contexts.add(context);
		return context;
	}

}
