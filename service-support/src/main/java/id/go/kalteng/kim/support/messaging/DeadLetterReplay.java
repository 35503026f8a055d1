package id.go.kalteng.kim.support.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.LoggerFactory;

/**
 * Puts dead letters back on the topic they came from, once each, after the cause was
 * fixed: {@code ./kim dlq list} and {@code ./kim dlq replay error.<topic>.<group>}.
 * <p>
 * Each record goes back with its key (so to the partition of its aggregate), its value
 * and its headers, without the ones the dead-lettering added; every consumer group of the
 * topic receives it again, and those that handled it before skip it by its {@code ce_id}
 * (as long as their {@code processed_events} remember it). How far a dead-letter topic
 * was replayed is kept as the offsets of the consumer group {@value #GROUP}, so a record
 * is replayed once, however often the command runs; a record that fails again is
 * dead-lettered again, as a new record, and a later replay takes it.
 */
public final class DeadLetterReplay implements AutoCloseable {

	/**
	 * The consumer group whose offsets say how far each dead-letter topic was replayed.
	 */
	public static final String GROUP = "kim-dlq-replay";

	/** The header naming where a replayed record was dead-lettered. */
	public static final String REPLAYED_FROM = "kim_replayed_from";

	private static final String DLQ_PREFIX = "error.";

	private static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";

	private static final Duration POLL = Duration.ofMillis(500);

	private final String bootstrapServers;

	private final Admin admin;

	public DeadLetterReplay(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
	}

	/**
	 * A dead-letter topic and how many of its records wait for a replay.
	 *
	 * @param topic the dead-letter topic
	 * @param records records it holds
	 * @param notReplayed records it holds that were not replayed yet
	 */
	public record DeadLetterTopic(String topic, long records, long notReplayed) {

	}

	/** Every dead-letter topic ({@code error.*}) with its counts. */
	public List<DeadLetterTopic> list() throws ExecutionException, InterruptedException {
		List<String> topics = this.admin.listTopics()
			.names()
			.get()
			.stream()
			.filter((name) -> name.startsWith(DLQ_PREFIX))
			.sorted()
			.toList();
		List<DeadLetterTopic> result = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			for (String topic : topics) {
				List<TopicPartition> partitions = partitionsOf(consumer, topic);
				Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
				Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
				Map<TopicPartition, OffsetAndMetadata> replayed = consumer.committed(Set.copyOf(partitions));
				long records = 0;
				long waiting = 0;
				for (TopicPartition partition : partitions) {
					long from = begin.get(partition);
					OffsetAndMetadata done = replayed.get(partition);
					records += end.get(partition) - from;
					waiting += end.get(partition) - Math.max(from, (done != null) ? done.offset() : from);
				}
				result.add(new DeadLetterTopic(topic, records, waiting));
			}
		}
		return result;
	}

	/**
	 * Replays what a dead-letter topic holds and was not replayed before, up to where it
	 * ended when the replay started.
	 * @return how many records were replayed
	 */
	public int replay(String deadLetterTopic) throws ExecutionException, InterruptedException {
		if (!deadLetterTopic.startsWith(DLQ_PREFIX)) {
			throw new IllegalArgumentException(deadLetterTopic + " is not a dead-letter topic (error.<topic>.<group>)");
		}
		Set<String> topics = this.admin.listTopics().names().get();
		if (!topics.contains(deadLetterTopic)) {
			throw new IllegalArgumentException("no topic " + deadLetterTopic);
		}
		String fallbackOriginal = originalTopicByName(deadLetterTopic, topics);
		int replayed = 0;
		try (KafkaConsumer<byte[], byte[]> consumer = consumer(); KafkaProducer<byte[], byte[]> producer = producer()) {
			List<TopicPartition> partitions = partitionsOf(consumer, deadLetterTopic);
			consumer.assign(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
			Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
			for (TopicPartition partition : partitions) {
				OffsetAndMetadata done = committed.get(partition);
				consumer.seek(partition, Math.max(begin.get(partition), (done != null) ? done.offset() : 0));
			}
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < end.get(p))) {
				Map<TopicPartition, OffsetAndMetadata> progress = new HashMap<>();
				List<Future<RecordMetadata>> sends = new ArrayList<>();
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
					TopicPartition partition = new TopicPartition(record.topic(), record.partition());
					if (record.offset() >= end.get(partition)) {
						continue;
					}
					sends.add(producer.send(toOriginal(record, fallbackOriginal)));
					progress.put(partition, new OffsetAndMetadata(record.offset() + 1));
				}
				producer.flush();
				for (Future<RecordMetadata> send : sends) {
					send.get();
				}
				if (!progress.isEmpty()) {
					consumer.commitSync(progress);
				}
				replayed += sends.size();
				// records that came after the snapshot wait for the next replay
				for (TopicPartition partition : partitions) {
					if (consumer.position(partition) > end.get(partition)) {
						consumer.seek(partition, end.get(partition));
					}
				}
			}
		}
		return replayed;
	}

	private static ProducerRecord<byte[], byte[]> toOriginal(ConsumerRecord<byte[], byte[]> record,
			String fallbackOriginal) {
		Header original = record.headers().lastHeader(ORIGINAL_TOPIC);
		String topic = (original != null) ? new String(original.value(), StandardCharsets.UTF_8) : fallbackOriginal;
		if (topic == null) {
			throw new IllegalStateException("cannot tell where " + record.topic() + "-" + record.partition() + "@"
					+ record.offset() + " came from: no " + ORIGINAL_TOPIC + " header");
		}
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			if (!header.key().startsWith("kafka_dlt-") && !header.key().startsWith("x-exception-")
					&& !header.key().startsWith("x-original-") && !header.key().equals(REPLAYED_FROM)) {
				headers.add(header);
			}
		}
		headers.add(REPLAYED_FROM,
				(record.topic() + "-" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
		return new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
	}

	/**
	 * For a dead letter without the original-topic header: the longest existing topic
	 * {@code T} with {@code error.T.<group>} = the dead-letter topic.
	 */
	private static String originalTopicByName(String deadLetterTopic, Set<String> topics) {
		String rest = deadLetterTopic.substring(DLQ_PREFIX.length());
		return topics.stream()
			.filter((topic) -> !topic.startsWith(DLQ_PREFIX) && rest.startsWith(topic + "."))
			.max(Comparator.comparingInt(String::length))
			.orElse(null);
	}

	private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
		return consumer.partitionsFor(topic)
			.stream()
			.map(PartitionInfo::partition)
			.sorted()
			.map((partition) -> new TopicPartition(topic, partition))
			.toList();
	}

	private KafkaConsumer<byte[], byte[]> consumer() {
		return new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						GROUP, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest", ConsumerConfig.CLIENT_ID_CONFIG, "kim-dlq-replay"),
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	private KafkaProducer<byte[], byte[]> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.CLIENT_ID_CONFIG, "kim-dlq-replay"), new ByteArraySerializer(),
				new ByteArraySerializer());
	}

	@Override
	public void close() {
		this.admin.close();
	}

	/**
	 * {@code DeadLetterReplay [--bootstrap-servers=HOST:PORT] list | replay
	 * error.<topic>.<group>}; the broker defaults to {@code KIM_KAFKA_BOOTSTRAP}, then
	 * {@code localhost:9092}.
	 */
	public static void main(String[] args) throws Exception {
		quietKafkaClients();
		String bootstrap = System.getenv().getOrDefault("KIM_KAFKA_BOOTSTRAP", "localhost:9092");
		List<String> rest = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith("--bootstrap-servers=")) {
				bootstrap = arg.substring("--bootstrap-servers=".length());
			}
			else {
				rest.add(arg);
			}
		}
		try (DeadLetterReplay replay = new DeadLetterReplay(bootstrap)) {
			if (rest.size() == 1 && rest.get(0).equals("list")) {
				System.out.printf("%-60s %10s %12s%n", "DEAD-LETTER TOPIC", "RECORDS", "NOT REPLAYED");
				for (DeadLetterTopic topic : replay.list()) {
					System.out.printf("%-60s %10d %12d%n", topic.topic(), topic.records(), topic.notReplayed());
				}
			}
			else if (rest.size() == 2 && rest.get(0).equals("replay")) {
				int count = replay.replay(rest.get(1));
				System.out.println("replayed " + count + " record(s) from " + rest.get(1));
			}
			else {
				System.err.println("usage: dlq list | dlq replay error.<topic>.<group>");
				System.exit(2);
			}
		}
		catch (IllegalArgumentException ex) {
			System.err.println("dlq: " + ex.getMessage());
			System.exit(1);
		}
	}

	/** The clients' INFO lines (every configuration value) would bury the answer. */
	private static void quietKafkaClients() {
		if (LoggerFactory.getLogger("org.apache.kafka") instanceof ch.qos.logback.classic.Logger logger) {
			logger.setLevel(ch.qos.logback.classic.Level.ERROR);
		}
	}

}
