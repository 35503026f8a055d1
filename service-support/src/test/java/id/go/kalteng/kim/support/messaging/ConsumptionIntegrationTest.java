package id.go.kalteng.kim.support.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.contracts.group.GroupUpdatedEvent;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import id.go.kalteng.kim.support.outbox.SupportTestApplication;
import id.go.kalteng.kim.support.outbox.TestGroups;
import id.go.kalteng.kim.support.test.KimInfrastructure;
import id.go.kalteng.kim.support.test.KimIntegrationTest;
import id.go.kalteng.kim.support.test.TestEventPublisher;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@KimIntegrationTest
@SpringBootTest(classes = SupportTestApplication.class,
		properties = { "spring.application.name=support-test",
				"spring.cloud.stream.bindings.onGroupEvent-in-0.destination=kim.group.events",
				"spring.cloud.stream.bindings.onGroupEvent-in-0.group=support-test" })
class ConsumptionIntegrationTest {

	private static final String DEAD_LETTERS = "error." + Topics.GROUP_EVENTS + ".support-test";

	@Autowired
	MongoTemplate mongo;

	@Autowired
	AggregateStore store;

	@Autowired
	JsonMapper json;

	@Test
	void redeliveredEventChangesNothingTwice() throws Exception {
		// codes no other test uses, so other events on the shared topic cannot add to the
		// count
		String kabupaten = "62." + (60 + (int) (Math.random() * 20));
		String eventId = UUID.randomUUID().toString();
		try (KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(record(eventId, "KIM Sebangau", kabupaten)).get();
			producer.send(record(eventId, "KIM Sebangau", kabupaten)).get();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> registrations(kabupaten) == 1);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> registrations(kabupaten) == 1);
	}

	@Test
	void poisonRecordGoesToTheDeadLetterTopicAndThePartitionKeepsFlowing() throws Exception {
		String kabupaten = "62." + (80 + (int) (Math.random() * 20));
		String groupId = UUID.randomUUID().toString();
		try (TopicReader deadLetters = new TopicReader("error." + Topics.GROUP_EVENTS + ".support-test");
				KafkaProducer<String, byte[]> producer = producer()) {
			ProducerRecord<String, byte[]> poison = record(UUID.randomUUID().toString(), "poison", kabupaten);
			producer.send(new ProducerRecord<>(poison.topic(), null, groupId, poison.value(), poison.headers())).get();
			ProducerRecord<String, byte[]> healthy = record(UUID.randomUUID().toString(), "KIM Sehat", kabupaten);
			producer.send(new ProducerRecord<>(healthy.topic(), null, groupId, healthy.value(), healthy.headers()))
				.get();

			await().atMost(Duration.ofSeconds(60)).until(() -> registrations(kabupaten) == 1);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(deadLetters.poll()).filteredOn((r) -> groupId.equals(r.key()))
					.singleElement()
					.satisfies((r) -> assertThat(TopicReader.value(r)).contains("poison")));
		}
	}

	@Test
	void recordWithoutCloudEventsHeadersIsDeadLettered() throws Exception {
		String key = UUID.randomUUID().toString();
		try (TopicReader deadLetters = new TopicReader("error." + Topics.GROUP_EVENTS + ".support-test");
				KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(new ProducerRecord<>(Topics.GROUP_EVENTS, key, "{}".getBytes(StandardCharsets.UTF_8))).get();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> deadLetters.poll().stream().anyMatch((r) -> key.equals(r.key())));
		}
	}

	@Test
	void aPassingFailureIsTriedUntilItPassesWhileTheNextEventOfItsAggregateWaits() throws Exception {
		String kabupaten = "transient-" + UUID.randomUUID();
		String groupId = UUID.randomUUID().toString();
		// a database away for five attempts: more than the three an unclassified failure
		// gets
		String failing = "transient-for-5-" + UUID.randomUUID();
		try (TopicReader deadLetters = new TopicReader(DEAD_LETTERS);
				KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(keyed(record(UUID.randomUUID().toString(), failing, kabupaten), groupId)).get();
			producer.send(keyed(record(UUID.randomUUID().toString(), "KIM Sesudahnya", kabupaten), groupId)).get();

			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(names(kabupaten)).containsExactly(failing, "KIM Sesudahnya"));
			assertThat(SupportTestApplication.ATTEMPTS.get(failing).get()).isEqualTo(6);
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(5))
				.until(() -> deadLetters.poll().stream().noneMatch((r) -> groupId.equals(r.key())));
		}
		assertThat(registrations(kabupaten)).isEqualTo(2);
	}

	@Test
	void aRecordThatCanNeverSucceedIsDeadLetteredAfterThreeTriesAndTheNextOneFlows() throws Exception {
		String kabupaten = "invalid-" + UUID.randomUUID();
		String groupId = UUID.randomUUID().toString();
		String invalid = "invalid-" + UUID.randomUUID();
		String eventId = UUID.randomUUID().toString();
		try (TopicReader deadLetters = new TopicReader(DEAD_LETTERS);
				KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(keyed(record(eventId, invalid, kabupaten), groupId)).get();
			producer.send(keyed(record(UUID.randomUUID().toString(), "KIM Berikutnya", kabupaten), groupId)).get();

			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(names(kabupaten)).containsExactly("KIM Berikutnya"));
			ConsumerRecord<String, byte[]> deadLetter = await().atMost(Duration.ofSeconds(30))
				.until(() -> deadLetters.poll().stream().filter((r) -> groupId.equals(r.key())).toList(),
						(found) -> found.size() == 1)
				.get(0);
			assertThat(TopicReader.header(deadLetter, "ce_id")).isEqualTo(eventId);
			assertThat(TopicReader.header(deadLetter, "kafka_dlt-original-topic")).isEqualTo(Topics.GROUP_EVENTS);
			assertThat(TopicReader.header(deadLetter, "kafka_dlt-exception-fqcn"))
				.isEqualTo(IllegalArgumentException.class.getName());
			assertThat(TopicReader.header(deadLetter, "kafka_dlt-exception-message")).startsWith("cannot project");
		}
		assertThat(SupportTestApplication.ATTEMPTS.get(invalid).get()).isEqualTo(3);
	}

	@Test
	void aDeadLetterReplayedAfterTheFixIsAppliedAndReplayedOnlyOnce() throws Exception {
		String kabupaten = "replay-" + UUID.randomUUID();
		String groupId = UUID.randomUUID().toString();
		String broken = "broken-" + UUID.randomUUID();
		String eventId = UUID.randomUUID().toString();
		SupportTestApplication.BROKEN.add(broken);
		try (TopicReader deadLetters = new TopicReader(DEAD_LETTERS);
				TopicReader groupEvents = new TopicReader(Topics.GROUP_EVENTS);
				KafkaProducer<String, byte[]> producer = producer();
				DeadLetterReplay replay = new DeadLetterReplay(KimInfrastructure.get().kafkaBootstrapServers())) {
			producer.send(keyed(record(eventId, broken, kabupaten), groupId)).get();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> deadLetters.poll().stream().anyMatch((r) -> groupId.equals(r.key())));
			assertThat(replay.list()).anySatisfy((topic) -> {
				assertThat(topic.topic()).isEqualTo(DEAD_LETTERS);
				assertThat(topic.notReplayed()).isPositive();
			});

			SupportTestApplication.BROKEN.remove(broken);
			assertThat(replay.replay(DEAD_LETTERS)).isPositive();

			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(names(kabupaten)).containsExactly(broken));
			replay.replay(DEAD_LETTERS);
			await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				List<ConsumerRecord<String, byte[]>> copies = groupEvents.poll()
					.stream()
					.filter((r) -> eventId.equals(TopicReader.header(r, "ce_id")))
					.toList();
				assertThat(copies).hasSize(2);
				assertThat(TopicReader.header(copies.get(1), DeadLetterReplay.REPLAYED_FROM)).startsWith(DEAD_LETTERS);
				assertThat(TopicReader.header(copies.get(1), "kafka_dlt-original-topic")).isNull();
				assertThat(copies.get(1).key()).isEqualTo(groupId);
			});
		}
		assertThat(registrations(kabupaten)).isEqualTo(1);
	}

	@Test
	void handledEventsAreRememberedForTheRetentionPeriodOnly() {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					this.mongo.getCollection("processed_events").listIndexes().into(new java.util.ArrayList<>()))
				.anySatisfy((index) -> {
					assertThat(index.get("key", Document.class)).isEqualTo(new Document("processedAt", 1));
					assertThat(((Number) index.get("expireAfterSeconds")).longValue())
						.isEqualTo(Duration.ofDays(14).toSeconds());
				}));
	}

	@Test
	void anEventThatComesAgainAfterACrashBeforeItWasMarkedChangesItsAggregateOnce() {
		String id = UUID.randomUUID().toString();
		this.store.save(TestGroups.register(id, "KIM Sekali", "62.71"));
		String eventId = UUID.randomUUID().toString();
		GroupUpdatedEvent update = new GroupUpdatedEvent(id, "62.71", "KIM Sekali", "Jekan Raya", "Menteng",
				"PERKOTAAN", null, null, null, Instant.parse("2026-11-28T10:00:00Z"));
		try (TestEventPublisher publisher = new TestEventPublisher(this.json)) {
			publisher.publish(eventId, update);
			await().atMost(Duration.ofSeconds(30)).until(() -> processed(eventId));
			assertThat(updatesSeen(id)).isEqualTo(1);

			// the process died after the change, before the event was marked handled
			this.mongo.getCollection("processed_events").deleteOne(new Document("_id", "support-test:" + eventId));
			publisher.publish(eventId, update);
			await().atMost(Duration.ofSeconds(30)).until(() -> processed(eventId));
		}
		assertThat(updatesSeen(id)).isEqualTo(1);
	}

	private boolean processed(String eventId) {
		return this.mongo.getCollection("processed_events")
			.countDocuments(new Document("_id", "support-test:" + eventId)) == 1;
	}

	private int updatesSeen(String id) {
		Document doc = this.mongo.getCollection("test_groups").find(new Document("_id", id)).first();
		return doc.getInteger("updatesSeen", 0);
	}

	private List<String> names(String kabupaten) {
		Document doc = this.mongo.getCollection("registrations_per_kabupaten")
			.find(new Document("_id", kabupaten))
			.first();
		return (doc != null) ? doc.getList("names", String.class) : List.of();
	}

	private static ProducerRecord<String, byte[]> keyed(ProducerRecord<String, byte[]> record, String key) {
		return new ProducerRecord<>(record.topic(), null, key, record.value(), record.headers());
	}

	private int registrations(String kabupaten) {
		Document doc = this.mongo.getCollection("registrations_per_kabupaten")
			.find(new Document("_id", kabupaten))
			.first();
		return (doc != null) ? doc.getInteger("count") : 0;
	}

	private static ProducerRecord<String, byte[]> record(String eventId, String name, String kabupaten) {
		String groupId = UUID.randomUUID().toString();
		String json = "{\"groupId\":\"" + groupId + "\",\"name\":\"" + name + "\",\"kabupaten\":\"" + kabupaten
				+ "\",\"setting\":\"PERDESAAN\",\"status\":\"FORMING\",\"registeredAt\":\"2026-11-28T09:00:00Z\"}";
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.GROUP_EVENTS, groupId,
				json.getBytes(StandardCharsets.UTF_8));
		Map.of("ce_id", eventId, "ce_type", GroupRegisteredEvent.TYPE, "ce_source", "/kim/group-service",
				"ce_specversion", "1.0", "ce_subject", groupId, "ce_kabupaten", kabupaten)
			.forEach((name2, value) -> record.headers().add(name2, value.getBytes(StandardCharsets.UTF_8)));
		return record;
	}

	private static KafkaProducer<String, byte[]> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				KimInfrastructure.get().kafkaBootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 0),
				new StringSerializer(), new ByteArraySerializer());
	}

}
