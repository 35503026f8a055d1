package id.go.kalteng.kim.support.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what was really published to a topic, as an outside consumer would. */
public final class TopicReader implements AutoCloseable {

	private final KafkaConsumer<String, byte[]> consumer;

	private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();

	public TopicReader(String topic) {
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KimInfrastructure.get().kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer());
		this.consumer.subscribe(List.of(topic));
	}

	/** Everything read so far, after one more poll. */
	public List<ConsumerRecord<String, byte[]>> poll() {
		this.consumer.poll(Duration.ofMillis(500)).forEach(this.records::add);
		return List.copyOf(this.records);
	}

	/** The records read so far whose {@code ce_subject} is the given aggregate id. */
	public List<ConsumerRecord<String, byte[]>> forSubject(String subject) {
		return poll().stream().filter((r) -> subject.equals(header(r, "ce_subject"))).toList();
	}

	public static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	public static String value(ConsumerRecord<String, byte[]> record) {
		return new String(record.value(), StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
