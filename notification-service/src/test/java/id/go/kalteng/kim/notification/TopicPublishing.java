package id.go.kalteng.kim.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.support.test.KimInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes an event to a topic other than its type's, as dissemination-service publishes
 * URGENT requests to {@code kim.notification.urgent-requests}
 * ({@code NotificationRequestedEvent.topicFor}); CloudEvents headers as
 * {@code TestEventPublisher} sets them.
 */
final class TopicPublishing implements AutoCloseable {

	private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
			Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KimInfrastructure.get().kafkaBootstrapServers(),
					ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.ACKS_CONFIG, "all"),
			new StringSerializer(), new ByteArraySerializer());

	private final JsonMapper json;

	TopicPublishing(JsonMapper json) {
		this.json = json;
	}

	void publish(String topic, KimEvent event) {
		EventType type = event.getClass().getAnnotation(EventType.class);
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.aggregateId(),
				this.json.writeValueAsBytes(event));
		Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", type.value(), "ce_source", "/kim/test", "ce_subject",
				event.aggregateId(), "ce_kabupaten", event.kabupaten(), "ce_specversion", "1.0", "ce_time",
				Instant.now().toString())
			.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
		try {
			this.producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not publish " + type.value() + " to " + topic, ex);
		}
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
