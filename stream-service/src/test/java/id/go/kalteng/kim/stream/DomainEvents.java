package id.go.kalteng.kim.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.stream.publiclog.PublicTopics;
import id.go.kalteng.kim.support.test.KimInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.node.ObjectNode;

import static org.awaitility.Awaitility.await;

/**
 * Domain events as their owning services publish them (CloudEvents binary mode), built
 * from the published schemas' examples; and the public log read back as an agency's
 * {@code read_committed} consumer reads it.
 */
public final class DomainEvents implements AutoCloseable {

	private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
			Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KimInfrastructure.get().kafkaBootstrapServers(),
					ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.ACKS_CONFIG, "all"),
			new StringSerializer(), new ByteArraySerializer());

	/** The first example of a type's schema, with its kabupaten set (null: removed). */
	public static ObjectNode example(String type, String kabupaten) {
		ObjectNode example = (ObjectNode) EventSchemas.examples(type).get(0).deepCopy();
		if (kabupaten != null) {
			example.put("kabupaten", kabupaten);
		}
		else {
			example.remove("kabupaten");
		}
		return example;
	}

	/** Publishes a payload as an event of the type; returns its id. */
	public String publish(String topic, String type, String kabupaten, String payload) {
		return publish(UUID.randomUUID().toString(), topic, type, kabupaten, payload);
	}

	/** Publishes with a given {@code ce_id} (a relay publishing twice). */
	public String publish(String id, String topic, String type, String kabupaten, String payload) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, "aggregate-" + id,
				payload.getBytes(StandardCharsets.UTF_8));
		Map.of("ce_id", id, "ce_type", type, "ce_source", "/kim/test", "ce_subject", "+6281234567890", "ce_kabupaten",
				(kabupaten != null) ? kabupaten : "62", "ce_specversion", "1.0", "ce_time", Instant.now().toString())
			.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
		try {
			this.producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return id;
	}

	@Override
	public void close() {
		this.producer.close();
	}

	/**
	 * The committed records of a kabupaten's public topic once some record carries each
	 * of the given event ids.
	 */
	public static List<ConsumerRecord<String, byte[]>> publicLogHolding(String kabupaten, List<String> ids) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KimInfrastructure.get().kafkaBootstrapServers(),
						ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			TopicPartition partition = new TopicPartition(PublicTopics.of(kabupaten), 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				List<String> seen = records.stream().map((r) -> header(r, "ce_id")).toList();
				return seen.containsAll(ids);
			});
			// what came with them, up to the end
			consumer.poll(Duration.ofMillis(300)).forEach(records::add);
		}
		return records;
	}

	/**
	 * The committed records of a topic's partitions, read from the beginning once at
	 * least one is there.
	 */
	public static List<ConsumerRecord<String, byte[]>> committedRecords(String topic) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KimInfrastructure.get().kafkaBootstrapServers(),
						ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5))
					.stream()
					.map((info) -> new TopicPartition(topic, info.partition()))
					.toList();
				if (partitions.isEmpty()) {
					return false;
				}
				consumer.assign(partitions);
				consumer.seekToBeginning(partitions);
				records.clear();
				for (int poll = 0; poll < 5; poll++) {
					consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				}
				return !records.isEmpty();
			});
		}
		return records;
	}

	public static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
