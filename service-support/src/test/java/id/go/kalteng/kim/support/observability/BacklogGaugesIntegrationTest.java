package id.go.kalteng.kim.support.observability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.support.outbox.SupportTestApplication;
import id.go.kalteng.kim.support.test.KimInfrastructure;
import id.go.kalteng.kim.support.test.KimIntegrationTest;
import id.go.kalteng.kim.support.test.TopicReader;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The backlog gauges come from the broker's offsets, on the slow timer: a dead-lettered
 * record shows in {@code kim.dead-letters.waiting} of its consumer group, and the group's
 * lag on the topics it reads is there from the start.
 */
@KimIntegrationTest
@SpringBootTest(classes = SupportTestApplication.class,
		properties = { "spring.application.name=support-test", "kim.metrics.refresh-interval=0",
				"spring.cloud.stream.bindings.onGroupEvent-in-0.destination=kim.group.events",
				"spring.cloud.stream.bindings.onGroupEvent-in-0.group=support-test" })
class BacklogGaugesIntegrationTest {

	@Autowired
	SlowGauges gauges;

	@Autowired
	MeterRegistry meters;

	@Test
	void aDeadLetteredRecordIsCountedAsWaitingForItsGroup() throws Exception {
		String key = UUID.randomUUID().toString();
		try (TopicReader deadLetters = new TopicReader("error." + Topics.GROUP_EVENTS + ".support-test");
				KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
								KimInfrastructure.get().kafkaBootstrapServers()),
						new StringSerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(Topics.GROUP_EVENTS, key, "{}".getBytes(StandardCharsets.UTF_8))).get();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> deadLetters.poll().stream().anyMatch((r) -> key.equals(r.key())));
		}

		this.gauges.refresh();

		Gauge waiting = this.meters.find("kim.dead-letters.waiting").tag("group", "support-test").gauge();
		assertThat(waiting).isNotNull();
		assertThat(waiting.value()).isGreaterThanOrEqualTo(1);
		Gauge lag = this.meters.find("kim.kafka.consumer.lag")
			.tags("group", "support-test", "topic", Topics.GROUP_EVENTS)
			.gauge();
		assertThat(lag).isNotNull();
		assertThat(lag.value()).isGreaterThanOrEqualTo(0);
	}

	@Test
	void theOutboxBacklogOfEachAggregateCollectionIsExported() {
		assertThat(this.meters.find("kim.outbox.backlog").gauges()).isNotEmpty();
		assertThat(this.meters.find("kim.outbox.stalled.age").gauges()).isNotEmpty();
	}

}
