package id.go.kalteng.kim.stream.webhooks;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/** Wires webhook subscriptions and deliveries. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	/** The consumer group that turns the public log into deliveries. */
	static final String GROUP = "stream-service-webhooks";

	@Bean
	WebhookSubscriptions webhookSubscriptions(MongoTemplate mongo) {
		return new WebhookSubscriptions(mongo);
	}

	@Bean
	WebhookDeliveries webhookDeliveries(MongoTemplate mongo, Clock clock, WebhookProperties properties) {
		return new WebhookDeliveries(mongo, clock, properties);
	}

	@Bean
	ApplicationRunner webhookStartUp(WebhookSubscriptions subscriptions, WebhookDeliveries deliveries) {
		return (args) -> {
			subscriptions.reload();
			deliveries.catchUp();
		};
	}

	@Bean
	WebhookSender webhookSender(WebhookProperties properties, WebhookSubscriptions subscriptions,
			WebhookDeliveries deliveries, Clock clock, MeterRegistry meters) {
		return new WebhookSender(properties, subscriptions, deliveries, clock, meters);
	}

	@Bean
	WebhookFeeder webhookFeeder(WebhookProperties properties, KafkaProperties kafka, WebhookSubscriptions subscriptions,
			WebhookDeliveries deliveries, JsonMapper json, Clock clock) {
		return new WebhookFeeder(properties, () -> {
			Map<String, Object> config = consumerConfig(kafka);
			config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
			config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
			return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
		}, subscriptions, deliveries, json, clock, () -> {
			Map<String, Object> config = kafka.buildProducerProperties();
			config.put(ProducerConfig.ACKS_CONFIG, "all");
			config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
			return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
		});
	}

	@Bean
	WebhookReplays webhookReplays(WebhookProperties properties, KafkaProperties kafka, WebhookFeeder feeder,
			WebhookDeliveries deliveries, Clock clock) {
		Supplier<Consumer<String, byte[]>> groupless = () -> {
			Map<String, Object> config = consumerConfig(kafka);
			config.remove(ConsumerConfig.GROUP_ID_CONFIG);
			config.put(ConsumerConfig.CLIENT_ID_CONFIG, "webhook-replay-" + UUID.randomUUID());
			return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
		};
		return new WebhookReplays(properties, groupless, feeder, deliveries, clock);
	}

	@Bean
	CatchUp webhookCatchUp(WebhookDeliveries deliveries) {
		return new CatchUp(deliveries);
	}

	private static Map<String, Object> consumerConfig(KafkaProperties kafka) {
		Map<String, Object> config = kafka.buildConsumerProperties();
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
		return config;
	}

	/**
	 * The slow scan that brings deliveries of slots the sweep no longer looks at back.
	 */
	static final class CatchUp {

		private final WebhookDeliveries deliveries;

		CatchUp(WebhookDeliveries deliveries) {
			this.deliveries = deliveries;
		}

		@Scheduled(initialDelayString = "10m", fixedDelayString = "10m")
		void run() {
			this.deliveries.catchUp();
		}

	}

}
