package id.go.kalteng.kim.stream.publiclog;

import java.time.Clock;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** Wires the public event log: its topics, the redaction and the republisher. */
@Configuration(proxyBeanMethods = false)
class PublicLogConfiguration {

	/** The consumer group of the republisher: its committed offsets are its progress. */
	static final String GROUP = "stream-service-public-log";

	@Bean
	KafkaAdmin.NewTopics publicTopics(PublicLogProperties properties) {
		return new KafkaAdmin.NewTopics(PublicTopics.all().stream().map((name) -> {
			TopicBuilder topic = TopicBuilder.name(name)
				.partitions(1)
				.config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(properties.retention().toMillis()));
			if (properties.replicas() > 0) {
				topic.replicas(properties.replicas());
			}
			return topic.build();
		}).toArray(NewTopic[]::new));
	}

	@Bean
	Redaction redaction(JsonMapper json) {
		return new Redaction(json);
	}

	@Bean
	RecentlyPublished recentlyPublished(PublicLogProperties properties, Clock clock) {
		return new RecentlyPublished(properties.dedupeWindow(), clock);
	}

	@Bean
	PublicLogRepublisher publicLogRepublisher(PublicLogProperties properties, KafkaProperties kafka,
			Redaction redaction, RecentlyPublished recent, MeterRegistry meters) {
		return new PublicLogRepublisher(properties, () -> {
			Map<String, Object> config = kafka.buildConsumerProperties();
			config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
			config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
			config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.batchSize());
			return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
		}, () -> {
			Map<String, Object> config = kafka.buildProducerProperties();
			config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, GROUP + "-" + properties.instanceId());
			// a transaction left open by a crash holds read_committed readers back until
			// it
			// times out (a restart of the same instance aborts it at once)
			config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 15_000);
			config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			config.put(ProducerConfig.ACKS_CONFIG, "all");
			config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
			return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
		}, redaction, recent, () -> {
			Map<String, Object> config = kafka.buildConsumerProperties();
			config.remove(ConsumerConfig.GROUP_ID_CONFIG);
			config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
			config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
			config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
			return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
		}, meters);
	}

}
