package id.go.kalteng.kim.support;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.support.messaging.ConsumerFailurePolicy;
import id.go.kalteng.kim.support.messaging.MessagingProperties;
import id.go.kalteng.kim.support.messaging.ProcessedEvents;
import id.go.kalteng.kim.support.observability.KafkaBacklogs;
import id.go.kalteng.kim.support.observability.MongoPingHealthIndicator;
import id.go.kalteng.kim.support.observability.SlowGauges;
import id.go.kalteng.kim.support.observability.TraceContexts;
import id.go.kalteng.kim.support.outbox.AggregateRoot;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import id.go.kalteng.kim.support.outbox.DirectEvents;
import id.go.kalteng.kim.support.outbox.OutboxEndpoint;
import id.go.kalteng.kim.support.outbox.OutboxEvents;
import id.go.kalteng.kim.support.outbox.OutboxProperties;
import id.go.kalteng.kim.support.outbox.OutboxRelay;
import id.go.kalteng.kim.support.outbox.ParkedEvents;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import id.go.kalteng.kim.support.web.ProblemDetailsAdvice;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Wires the parts every service shares: the aggregate store and outbox relay, idempotent
 * consumption, the platform topics, and problem+json errors.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
		"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@EnableConfigurationProperties({ OutboxProperties.class, MessagingProperties.class })
@Import(ProblemDetailsAdvice.class)
public class KimSupportConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Lets handling of consumed batches and the outbox carry the trace context by hand
	 * ({@link TraceContexts}).
	 */
	@Bean
	SmartInitializingSingleton traceContexts(ObjectProvider<ObservationRegistry> observations) {
		return () -> TraceContexts.use(observations.getIfAvailable());
	}

	/**
	 * Gauges computed every {@code kim.metrics.refresh-interval} on a background thread,
	 * never on a scrape (0 turns them off).
	 */
	@Bean
	SlowGauges slowGauges(MeterRegistry meters, @Value("${kim.metrics.refresh-interval:60s}") Duration interval) {
		return new SlowGauges(meters, interval);
	}

	/**
	 * Consumer lag ({@code kim.kafka.consumer.lag}) and dead letters waiting
	 * ({@code kim.dead-letters.waiting}) of this service's consumer groups, from the
	 * broker's offsets.
	 */
	@Bean(destroyMethod = "close")
	KafkaBacklogs kafkaBacklogs(KafkaAdmin kafkaAdmin, BindingServiceProperties bindings, SlowGauges gauges) {
		Set<String> groups = new TreeSet<>();
		bindings.getBindings()
			.values()
			.stream()
			.map(BindingProperties::getGroup)
			.filter(Objects::nonNull)
			.forEach(groups::add);
		KafkaBacklogs backlogs = new KafkaBacklogs(Admin.create(kafkaAdmin.getConfigurationProperties()), groups);
		gauges.register("kim.kafka.consumer.lag", "records not yet consumed, per consumer group and topic",
				backlogs::consumerLag);
		gauges.register("kim.dead-letters.waiting", "records in the consumer group's dead-letter topics",
				backlogs::deadLetters);
		return backlogs;
	}

	@Bean
	OutboxEvents outboxEvents(JsonMapper json, Clock clock) {
		return new OutboxEvents(json, clock);
	}

	/**
	 * A producer of its own for the relay: byte[] values, settings explicit and durable.
	 */
	@Bean
	KafkaTemplate<String, byte[]> outboxKafkaTemplate(KafkaProperties kafka) {
		Map<String, Object> config = kafka.buildProducerProperties();
		config.put("key.serializer", StringSerializer.class);
		config.put("value.serializer", ByteArraySerializer.class);
		config.put("acks", "all");
		config.put("enable.idempotence", true);
		config.putIfAbsent("linger.ms", 5);
		// a broker that does not answer fails a round in seconds rather than minutes; the
		// relay tries again later (OutboxProperties.sendTimeout bounds the wait as well)
		config.putIfAbsent("max.block.ms", 10_000);
		if (!config.containsKey("delivery.timeout.ms") && !config.containsKey("request.timeout.ms")) {
			config.put("request.timeout.ms", 10_000);
			config.put("delivery.timeout.ms", 25_000);
		}
		config.put("client.id", "outbox-relay");
		return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
	}

	@Bean
	OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<String, byte[]> outboxKafkaTemplate,
			OutboxProperties properties, MeterRegistry meters,
			@Value("${spring.application.name:service}") String applicationName) {
		List<String> collections = mongo.getConverter()
			.getMappingContext()
			.getPersistentEntities()
			.stream()
			.filter((entity) -> AggregateRoot.class.isAssignableFrom(entity.getType()))
			.map(MongoPersistentEntity::getCollection)
			.distinct()
			.toList();
		String source = (properties.source() != null && !properties.source().isBlank()) ? properties.source()
				: "/kim/" + applicationName;
		return new OutboxRelay(mongo, outboxKafkaTemplate, properties, collections, source, meters);
	}

	@Bean
	DirectEvents directEvents(KafkaTemplate<String, byte[]> outboxKafkaTemplate, OutboxEvents outboxEvents,
			OutboxRelay relay, MeterRegistry meters) {
		return new DirectEvents(outboxKafkaTemplate, outboxEvents, relay.source(), meters);
	}

	@Bean
	ParkedEvents parkedEvents(MongoTemplate mongo, OutboxRelay relay) {
		return new ParkedEvents(mongo, relay);
	}

	/** {@code /actuator/outbox}: pending and parked events, for operators. */
	@Bean
	@ConditionalOnMissingBean
	OutboxEndpoint outboxEndpoint(ParkedEvents parkedEvents) {
		return new OutboxEndpoint(parkedEvents);
	}

	@Bean
	AggregateStore aggregateStore(MongoTemplate mongo, OutboxEvents outboxEvents, OutboxRelay relay) {
		return new AggregateStore(mongo, outboxEvents, relay);
	}

	/**
	 * MongoDB health by {@code ping} in place of Boot's (switched off in the platform
	 * defaults), whose {@code hello} the local MongoDB-wire server does not answer.
	 */
	@Bean("mongoHealthIndicator")
	@ConditionalOnMissingBean(name = "mongoHealthIndicator")
	MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
		return new MongoPingHealthIndicator(mongo);
	}

	/** The pseudonymous id of a phone number, the same in every service. */
	@Bean
	PhonePseudonyms phonePseudonyms(@Value("${kim.phone-hash-key:}") String key) {
		return new PhonePseudonyms(key);
	}

	@Bean
	ProcessedEvents processedEvents(MongoTemplate mongo, MessagingProperties messaging) {
		return new ProcessedEvents(mongo, messaging.processedEventsRetention());
	}

	/**
	 * The dedupe records' expiry, set at start-up; an unreachable database only delays it
	 * to the first event handled.
	 */
	@Bean
	ApplicationListener<ApplicationReadyEvent> processedEventsRetention(ProcessedEvents processedEvents) {
		return (ready) -> {
			try {
				processedEvents.ensureRetention();
			}
			catch (RuntimeException ex) {
				LoggerFactory.getLogger(ProcessedEvents.class)
					.warn("Could not set the expiry of processed_events yet: {}", ex.toString());
			}
		};
	}

	/**
	 * Every consumer binding's rule for failing records: passing failures wait without
	 * limit on a paused partition, others go to {@code error.<topic>.<group>} after the
	 * binding's attempts.
	 */
	@Bean
	@ConditionalOnMissingBean(ListenerContainerCustomizer.class)
	ConsumerFailurePolicy consumerFailurePolicy(KafkaProperties kafka, MessagingProperties messaging,
			MeterRegistry meters) {
		Map<String, Object> config = kafka.buildProducerProperties();
		config.put("acks", "all");
		config.put("client.id", "dead-letters");
		return new ConsumerFailurePolicy(config, messaging, meters);
	}

	/**
	 * The platform's topics, created at start-up when missing (partitions: one
	 * aggregate's events in order). Replicas and {@code min.insync.replicas} come from
	 * {@code kim.kafka.replication-factor} and {@code kim.kafka.min-insync-replicas}
	 * ({@code KIM_KAFKA_REPLICATION_FACTOR}, {@code KIM_KAFKA_MIN_INSYNC_REPLICAS}; 3 and
	 * 2 on {@code ./kim up --cluster}); unset, the broker's defaults (one broker: 1).
	 */
	@Bean
	KafkaAdmin.NewTopics kimTopics(@Value("${kim.kafka.partitions:3}") int partitions,
			@Value("${kim.kafka.replication-factor:-1}") int replicationFactor,
			@Value("${kim.kafka.min-insync-replicas:0}") int minInsyncReplicas) {
		return new KafkaAdmin.NewTopics(List
			.of(Topics.GROUP_EVENTS, Topics.ACTIVITY_EVENTS, Topics.DISSEMINATION_EVENTS, Topics.NOTIFICATION_EVENTS,
					Topics.NOTIFICATION_REQUESTS, Topics.NOTIFICATION_URGENT_REQUESTS)
			.stream()
			.map((topic) -> platformTopic(topic, partitions, replicationFactor, minInsyncReplicas))
			.toArray(NewTopic[]::new));
	}

	static NewTopic platformTopic(String name, int partitions, int replicationFactor, int minInsyncReplicas) {
		TopicBuilder topic = TopicBuilder.name(name).partitions(partitions);
		if (replicationFactor > 0) {
			topic.replicas(replicationFactor);
		}
		if (minInsyncReplicas > 0) {
			topic.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas));
		}
		return topic.build();
	}

}
