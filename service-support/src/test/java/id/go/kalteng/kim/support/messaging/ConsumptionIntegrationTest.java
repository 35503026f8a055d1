package id.go.kalteng.kim.support.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.support.outbox.SupportTestApplication;
import id.go.kalteng.kim.support.test.KimInfrastructure;
import id.go.kalteng.kim.support.test.KimIntegrationTest;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;

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

	@Autowired
	MongoTemplate mongo;

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
