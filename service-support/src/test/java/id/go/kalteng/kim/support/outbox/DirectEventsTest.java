package id.go.kalteng.kim.support.outbox;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.support.messaging.TransientFailures;
import id.go.kalteng.kim.support.test.KimInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a fan-out learns when the broker does not take its events: the wait fails with the
 * producer's own exception as the cause, which the consumers' retry policy counts as
 * passing (so the approval is consumed again later, not parked in a dead-letter topic).
 */
class DirectEventsTest {

	/**
	 * A fan-out to 100,000 must not hold every record it sent: acknowledged sends are
	 * dropped as it goes, and the count and the wait still cover every one.
	 */
	@Test
	void acknowledgedSendsAreNotHeldAndTheWaitStillCoversEveryOne() {
		KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
				"bootstrap.servers", KimInfrastructure.get().kafkaBootstrapServers(), "key.serializer",
				StringSerializer.class, "value.serializer", ByteArraySerializer.class, "acks", "all", "linger.ms", 0)));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		DirectEvents events = new DirectEvents(kafka,
				new OutboxEvents(JsonMapper.builder().findAndAddModules().build(), Clock.systemUTC()), "/kim/test",
				meters);
		try {
			DirectEvents.Sending sending = events.sending();
			for (int i = 0; i < 5_000; i++) {
				sending.send(new NotificationRequestedEvent("n-" + i, "BROADCAST", "b-held", "62.71", "m-" + i,
						"+6281300000001", "SMS", "Banjir", "NORMAL", Instant.now()), "e-held-" + i);
				if (i % 500 == 499) {
					// the broker has acknowledged what was sent so far
					kafka.flush();
				}
			}
			assertThat(sending.count()).isEqualTo(5_000);
			assertThat(sending.held()).isLessThanOrEqualTo(1_000);
			sending.awaitAll(Duration.ofSeconds(60));
			assertThat(meters.counter("kim.events.published.direct").count()).isEqualTo(5_000);
			assertThat(sending.count()).isZero();
		}
		finally {
			kafka.destroy();
		}
	}

	@Test
	void eventsTheBrokerNeverAcknowledgesFailTheWaitWithAPassingCause() throws Exception {
		int port;
		try (ServerSocket unused = new ServerSocket(0)) {
			port = unused.getLocalPort();
		}
		KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(
				new DefaultKafkaProducerFactory<>(Map.of("bootstrap.servers", "localhost:" + port, "key.serializer",
						StringSerializer.class, "value.serializer", ByteArraySerializer.class, "acks", "all",
						"max.block.ms", 500, "request.timeout.ms", 500, "delivery.timeout.ms", 1_000, "linger.ms", 0)));
		DirectEvents events = new DirectEvents(kafka,
				new OutboxEvents(JsonMapper.builder().findAndAddModules().build(), Clock.systemUTC()), "/kim/test",
				new SimpleMeterRegistry());
		try {
			DirectEvents.Sending sending = events.sending();
			assertThatThrownBy(() -> {
				sending.send(new NotificationRequestedEvent("n-1", "BROADCAST", "b-1", "62.71", "m-1", "+6281300000001",
						"SMS", "Banjir", "URGENT", Instant.now()), "e-1");
				sending.awaitAll(Duration.ofSeconds(30));
			}).isInstanceOf(IllegalStateException.class)
				.satisfies((failure) -> assertThat(TransientFailures.isTransient(failure)).as("passing").isTrue());
		}
		finally {
			kafka.destroy();
		}
	}

}
