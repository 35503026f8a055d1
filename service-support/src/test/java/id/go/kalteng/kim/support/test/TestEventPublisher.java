package id.go.kalteng.kim.support.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.contracts.KimEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes events as their owning service would (CloudEvents binary mode, key =
 * aggregate id, topic and type from {@link EventType}, the province's code as
 * {@code ce_kabupaten} of an event without kabupaten), for tests of consumers.
 */
public final class TestEventPublisher implements AutoCloseable {

	private final KafkaProducer<String, byte[]> producer;

	private final JsonMapper json;

	public TestEventPublisher(JsonMapper json) {
		this.json = json;
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KimInfrastructure.get().kafkaBootstrapServers(),
						ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new ByteArraySerializer());
	}

	/** Publishes the event with a fresh {@code ce_id}; returns the id. */
	public String publish(KimEvent event) {
		return publish(UUID.randomUUID().toString(), event);
	}

	/** Publishes the event with the given {@code ce_id} (to test redelivery). */
	public String publish(String id, KimEvent event) {
		EventType type = event.getClass().getAnnotation(EventType.class);
		send(type, id, event.aggregateId(), (event.kabupaten() != null) ? event.kabupaten() : Kabupaten.PROVINCE,
				this.json.writeValueAsBytes(event));
		return id;
	}

	/**
	 * Publishes a poison record: the envelope of an event of the given type, a body that
	 * is not JSON (it goes to the dead letters without stopping what comes around it).
	 */
	public void publishUnreadable(Class<? extends KimEvent> eventClass, String aggregateId, String kabupaten) {
		send(eventClass.getAnnotation(EventType.class), UUID.randomUUID().toString(), aggregateId, kabupaten,
				"{not json".getBytes(StandardCharsets.UTF_8));
	}

	private void send(EventType type, String id, String aggregateId, String kabupaten, byte[] body) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), aggregateId, body);
		Map.of("ce_id", id, "ce_type", type.value(), "ce_source", "/kim/test", "ce_subject", aggregateId,
				"ce_kabupaten", kabupaten, "ce_specversion", "1.0", "ce_time", Instant.now().toString())
			.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
		try {
			this.producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not publish " + type.value(), ex);
		}
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
