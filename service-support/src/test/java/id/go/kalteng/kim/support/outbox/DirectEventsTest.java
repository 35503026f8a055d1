package id.go.kalteng.kim.support.outbox;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.support.messaging.TransientFailures;
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
