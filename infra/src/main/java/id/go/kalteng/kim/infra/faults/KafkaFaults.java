package id.go.kalteng.kim.infra.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The broker side of the suite: dead-letter topics counted, poison records written.
 */
final class KafkaFaults {

	static final String DEAD_LETTER_PREFIX = "error.";

	/** Not JSON: no consumer can read it. */
	static final byte[] POISON = "{\"kimFaultsPoison\": ".getBytes(StandardCharsets.UTF_8);

	private final String bootstrap;

	KafkaFaults(String bootstrap) {
		this.bootstrap = bootstrap;
	}

	/**
	 * Records on each dead-letter topic now, read as {@code read_committed} (a
	 * transactional dead letter also takes an offset for its commit marker).
	 */
	Map<String, Long> deadLetters() {
		try (Admin admin = admin()) {
			Set<String> topics = new TreeSet<>();
			for (String topic : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
				if (topic.startsWith(DEAD_LETTER_PREFIX)) {
					topics.add(topic);
				}
			}
			return committedRecords(admin, topics);
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot count the dead letters: " + ex, ex);
		}
	}

	/** The dead-letter topics that grew, by how much. */
	static Map<String, Long> grown(Map<String, Long> before, Map<String, Long> after) {
		Map<String, Long> grown = new TreeMap<>();
		after.forEach((topic, count) -> {
			long more = count - before.getOrDefault(topic, 0L);
			if (more != 0) {
				grown.put(topic, more);
			}
		});
		return grown;
	}

	/**
	 * What was poisoned: each consumed topic's partitions, and the consumer groups that
	 * read it.
	 */
	record Poisoned(Map<String, Integer> partitions, Map<String, Set<String>> groups) {

		/**
		 * For every topic and group, its dead-letter topic must have grown by exactly the
		 * poisoned partitions: fewer is a poison record not dead-lettered (stuck or
		 * dropped silently), more is other records dead-lettered.
		 */
		List<String> missingDeadLetters(Map<String, Long> before, Map<String, Long> after) {
			List<String> problems = new ArrayList<>();
			Map<String, Long> grown = grown(before, after);
			this.groups.forEach((topic, readers) -> {
				for (String group : readers) {
					String deadLetters = DEAD_LETTER_PREFIX + topic + "." + group;
					long got = grown.getOrDefault(deadLetters, 0L);
					if (got != this.partitions.get(topic)) {
						problems.add(deadLetters + " grew by " + got + ", expected " + this.partitions.get(topic));
					}
				}
			});
			return problems;
		}

		String describe() {
			List<String> parts = new ArrayList<>();
			this.groups.forEach((topic, readers) -> parts.add(String.format(Locale.ROOT,
					"%s (%d partitions, read by %s)", topic, this.partitions.get(topic), String.join(", ", readers))));
			return String.join("; ", parts);
		}

	}

	/**
	 * Writes one poison record to every partition of every topic a consumer group of the
	 * platform reads (from its members' assignments): the headers of the partition's last
	 * record (so it looks like the events there; id headers left out, so it is no copy of
	 * one), a body that is not JSON.
	 */
	Poisoned poisonEveryConsumedTopic() {
		try (Admin admin = admin()) {
			List<String> groupIds = new ArrayList<>();
			for (GroupListing group : admin.listGroups().all().get(30, TimeUnit.SECONDS)) {
				groupIds.add(group.groupId());
			}
			Map<String, Set<String>> readers = new TreeMap<>();
			Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groupIds)
				.all()
				.get(30, TimeUnit.SECONDS);
			described.forEach((group, description) -> {
				for (MemberDescription member : description.members()) {
					for (TopicPartition partition : member.assignment().topicPartitions()) {
						if (!partition.topic().startsWith(DEAD_LETTER_PREFIX) && !partition.topic().startsWith("__")) {
							readers.computeIfAbsent(partition.topic(), (topic) -> new TreeSet<>()).add(group);
						}
					}
				}
			});
			Map<String, TopicDescription> topics = admin.describeTopics(readers.keySet())
				.allTopicNames()
				.get(30, TimeUnit.SECONDS);
			Map<String, Integer> partitions = new TreeMap<>();
			topics.forEach((topic, description) -> partitions.put(topic, description.partitions().size()));
			try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap, ProducerConfig.ACKS_CONFIG, "all",
							ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
							ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
				for (Map.Entry<String, Integer> topic : partitions.entrySet()) {
					for (int partition = 0; partition < topic.getValue(); partition++) {
						TopicPartition target = new TopicPartition(topic.getKey(), partition);
						ProducerRecord<byte[], byte[]> poison = new ProducerRecord<>(topic.getKey(), partition,
								"kim-faults-poison".getBytes(StandardCharsets.UTF_8), POISON);
						producer.send(poison).get(30, TimeUnit.SECONDS);
					}
				}
			}
			return new Poisoned(partitions, readers);
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot poison the consumed topics: " + ex, ex);
		}
	}

	private Map<String, Long> committedRecords(Admin admin, Set<String> topics) throws Exception {
		Map<String, Long> counts = new TreeMap<>();
		if (topics.isEmpty()) {
			return counts;
		}
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		admin.describeTopics(topics)
			.allTopicNames()
			.get(30, TimeUnit.SECONDS)
			.forEach((topic, description) -> description.partitions()
				.forEach((partition) -> latest.put(new TopicPartition(topic, partition.partition()),
						OffsetSpec.latest())));
		Map<TopicPartition, ListOffsetsResultInfo> offsets = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
		topics.forEach((topic) -> counts.put(topic, 0L));
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
						"read_committed", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
						ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
			List<TopicPartition> partitions = new ArrayList<>(offsets.keySet());
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < offsets.get(p).offset())
					&& System.nanoTime() < until) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					counts.merge(record.topic(), 1L, Long::sum);
				}
			}
		}
		return counts;
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000));
	}

}
