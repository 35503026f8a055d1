package id.go.kalteng.kim.infra.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The bench's wait for a projection, against a real in-process KRaft broker: lag is what
 * the group has not committed, and the wait ends only when every expected record was
 * written and committed.
 */
class ProjectionLagTests {

	private static final String TOPIC = "kim.group.events";

	private static EmbeddedKafkaKraftBroker broker;

	@BeforeAll
	static void start() {
		broker = new EmbeddedKafkaKraftBroker(1, 3, TOPIC);
		broker.afterPropertiesSet();
	}

	@AfterAll
	static void stop() {
		broker.destroy();
	}

	@Test
	void lagIsWhatTheGroupHasNotCommittedAndTheWaitEndsWhenItIsNone() {
		String group = "projection-a";
		try (ProjectionLag lag = new ProjectionLag(broker.getBrokersAsString(), group, TOPIC)) {
			long before = lag.endOffsets();
			produce(30);
			assertThat(lag.endOffsets()).isEqualTo(before + 30);
			// the group never committed: every record is behind
			assertThat(lag.lag()).isEqualTo(before + 30);
			assertThatIllegalStateException().isThrownBy(() -> lag.awaitCaughtUp(before + 30, 2, (line) -> {
			})).withMessageContaining("behind");

			int consumed = consumeAndCommit(group, before + 30);
			assertThat(consumed).isEqualTo(before + 30);
			assertThat(lag.lag()).isZero();
			assertThat(lag.awaitCaughtUp(before + 30, 30, (line) -> {
			})).isPositive();
		}
	}

	@Test
	void theWaitDoesNotEndBeforeTheExpectedRecordsWereWrittenEvenWithoutLag() {
		String group = "projection-b";
		try (ProjectionLag lag = new ProjectionLag(broker.getBrokersAsString(), group, TOPIC)) {
			produce(5);
			consumeAndCommit(group, lag.endOffsets());
			long written = lag.endOffsets();
			assertThat(lag.lag()).isZero();
			// a relay that has not published the rest yet: no lag, but not caught up
			assertThatIllegalStateException().isThrownBy(() -> lag.awaitCaughtUp(written + 10, 2, (line) -> {
			})).withMessageContaining(written + " written, at least " + (written + 10) + " awaited");
		}
	}

	@Test
	void theWaitForEveryGroupWaitsForTheLiveOnesBehindAndNotForAStoppedOne() {
		String stopped = "projection-stopped";
		try (ProjectionLag lag = new ProjectionLag(broker.getBrokersAsString(), stopped, TOPIC)) {
			produce(10);
			consumeAndCommit(stopped, lag.endOffsets());
			try (KafkaConsumer<String, String> live = consumer("projection-live")) {
				live.subscribe(List.of(TOPIC));
				pollAndCommit(live, lag.endOffsets());
				produce(10);
				// both are 10 behind; only the live one has members
				Map<String, Long> behind = lag.lagOfEveryGroup();
				assertThat(behind).containsEntry("projection-live", 10L).doesNotContainKey(stopped);

				List<String> said = new ArrayList<>();
				lag.awaitEveryGroupCaughtUp(2, said::add);
				assertThat(said).anySatisfy((line) -> assertThat(line).contains("still behind", "projection-live"));

				pollAndCommit(live, 10);
				said.clear();
				assertThat(lag.awaitEveryGroupCaughtUp(30, said::add)).isLessThan(Duration.ofSeconds(30).toNanos());
				assertThat(said).isEmpty();
				assertThat(lag.lagOfEveryGroup()).containsEntry("projection-live", 0L);
			}
		}
	}

	private static void produce(int records) {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(), ProducerConfig.ACKS_CONFIG, "all",
				ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
			List<CompletableFuture<Void>> sent = new ArrayList<>();
			for (int i = 0; i < records; i++) {
				CompletableFuture<Void> done = new CompletableFuture<>();
				producer.send(new ProducerRecord<>(TOPIC, "member-" + i, "{}"), (metadata, ex) -> done.complete(null));
				sent.add(done);
			}
			producer.flush();
			sent.forEach(CompletableFuture::join);
		}
	}

	private static int consumeAndCommit(String group, long expected) {
		try (KafkaConsumer<String, String> consumer = consumer(group)) {
			consumer.subscribe(List.of(TOPIC));
			return pollAndCommit(consumer, expected);
		}
	}

	private static KafkaConsumer<String, String> consumer(String group) {
		return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
				ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
	}

	private static int pollAndCommit(KafkaConsumer<String, String> consumer, long expected) {
		int consumed = 0;
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (consumed < expected && System.nanoTime() < deadline) {
			consumed += consumer.poll(Duration.ofMillis(200)).count();
			consumer.commitSync();
		}
		return consumed;
	}

}
