package id.go.kalteng.kim.stream.events;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the SSE streams: a group-less, read-committed consumer per stream. */
@Configuration(proxyBeanMethods = false)
class EventStreamConfiguration {

	@Bean
	EventStreams eventStreams(EventStreamProperties properties, KafkaProperties kafka, JsonMapper json, Clock clock,
			MeterRegistry meters) {
		return new EventStreams(properties, () -> {
			Map<String, Object> config = kafka.buildConsumerProperties();
			config.remove(ConsumerConfig.GROUP_ID_CONFIG);
			config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sse-" + UUID.randomUUID());
			config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
			config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
			config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxBuffered());
			return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
		}, json, clock, meters);
	}

}
