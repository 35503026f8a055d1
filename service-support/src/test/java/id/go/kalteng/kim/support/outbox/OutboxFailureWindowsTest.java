package id.go.kalteng.kim.support.outbox;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.support.outbox.SupportTestApplication.TestGroup;
import id.go.kalteng.kim.support.test.KimInfrastructure;
import id.go.kalteng.kim.support.test.KimInfrastructureConfiguration;
import id.go.kalteng.kim.support.test.TopicReader;
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
 * The two windows in which a crash could separate a change from its event. Each "process"
 * is a whole application context on the shared database; the first is closed at the crash
 * point and a second one starts on the same data, as a restart would.
 */
class OutboxFailureWindowsTest {

	private final String database = "failure-windows-" + UUID.randomUUID().toString().substring(0, 8);

	private TopicReader groupEvents;

	private ConfigurableApplicationContext restarted;

	@BeforeEach
	void subscribe() {
		this.groupEvents = new TopicReader(Topics.GROUP_EVENTS);
	}

	@AfterEach
	void close() {
		this.groupEvents.close();
		if (this.restarted != null) {
			this.restarted.close();
		}
	}

	@Test
	void eventStillGoesOutWhenTheProcessDiesAfterTheStateWriteBeforePublishing() {
		String id = UUID.randomUUID().toString();
		try (ConfigurableApplicationContext crashed = start(false)) {
			crashed.getBean(AggregateStore.class).save(TestGroup.register(id, "KIM Kereng Bangkirai", "62.71"));
			assertThat(this.groupEvents.forSubject(id)).isEmpty();
		}

		this.restarted = start(true);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.groupEvents.forSubject(id).size() == 1);
		await().untilAsserted(() -> assertThat(pendingEvents(id)).isEmpty());
	}

	@Test
	void republishedDuplicateAfterACrashBeforeClearingChangesNothingDownstream() {
		String id = UUID.randomUUID().toString();
		// a code of its own (62.20..62.59): registrations are counted per kabupaten, and
		// other
		// tests' events on the shared topic must not land on the same count
		String kabupaten = "62." + (20 + (int) (Math.random() * 40));
		try (ConfigurableApplicationContext crashed = start(false)) {
			crashed.getBean(AggregateStore.class).save(TestGroup.register(id, "KIM Tumbang Rungan", kabupaten));
			assertThat(crashed.getBean(OutboxRelay.class).publishPending(false)).isEqualTo(1);
			assertThat(pendingEvents(id)).hasSize(1);
		}

		this.restarted = start(true);

		List<ConsumerRecord<String, byte[]>> deliveries = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.groupEvents.forSubject(id), (records) -> records.size() == 2);
		assertThat(TopicReader.header(deliveries.get(0), "ce_id"))
			.isEqualTo(TopicReader.header(deliveries.get(1), "ce_id"));
		MongoTemplate mongo = this.restarted.getBean(MongoTemplate.class);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> mongo.getCollection("processed_events")
				.countDocuments(
						new Document("_id", "support-test:" + TopicReader.header(deliveries.get(0), "ce_id"))) == 1);
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(10))
			.until(() -> registrations(mongo, kabupaten) == 1);
	}

	private static int registrations(MongoTemplate mongo, String kabupaten) {
		Document doc = mongo.getCollection(SupportTestApplication.PROJECTION)
			.find(new Document("_id", kabupaten))
			.first();
		return (doc != null) ? doc.getInteger("count") : 0;
	}

	@SuppressWarnings("unchecked")
	private List<Object> pendingEvents(String id) {
		try (ConfigurableApplicationContext reader = start(false)) {
			Document doc = reader.getBean(MongoTemplate.class)
				.getCollection("test_groups")
				.find(new Document("_id", id))
				.first();
			return (List<Object>) doc.get(OutboxEvent.FIELD);
		}
	}

	private ConfigurableApplicationContext start(boolean relayEnabled) {
		KimInfrastructure.Infrastructure infrastructure = KimInfrastructure.get();
		return new SpringApplicationBuilder(SupportTestApplication.class).run("--spring.application.name=support-test",
				"--server.port=0", "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
				"--spring.mongodb.uri=" + infrastructure.mongoUri(), "--spring.mongodb.database=" + this.database,
				"--kim.phone-hash-key=" + KimInfrastructureConfiguration.TEST_PHONE_HASH_KEY,
				// a crashed relay's claim on its documents runs out soon, as after a real
				// crash
				"--kim.outbox.enabled=" + relayEnabled, "--kim.outbox.lease=2s",
				"--spring.cloud.stream.bindings.onGroupEvent-in-0.destination=kim.group.events",
				"--spring.cloud.stream.bindings.onGroupEvent-in-0.group=support-test-" + this.database,
				"--spring.cloud.stream.function.autodetect=" + relayEnabled);
	}

}
