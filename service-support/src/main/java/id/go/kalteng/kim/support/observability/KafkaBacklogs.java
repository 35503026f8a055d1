package id.go.kalteng.kim.support.observability;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * What waits on the broker for this service's consumer groups, from the broker's offsets
 * (no database): the lag of each group on each topic it reads, and the records in its
 * dead-letter topics ({@code error.<topic>.<group>}), which nobody consumes, so their
 * size is what an operator has not replayed yet.
 */
public final class KafkaBacklogs implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final Admin admin;

	private final Set<String> groups;

	public KafkaBacklogs(Admin admin, Collection<String> groups) {
		this.admin = admin;
		this.groups = Set.copyOf(groups);
	}

	/** Records not yet consumed, per group and topic. */
	public Map<Tags, Number> consumerLag() {
		Map<Tags, Number> rows = new HashMap<>();
		for (String group : this.groups) {
			Map<TopicPartition, OffsetAndMetadata> committed = get(
					this.admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
			Map<TopicPartition, ListOffsetsResultInfo> ends = endOffsets(committed.keySet(), OffsetSpec.latest());
			Map<String, Long> byTopic = new HashMap<>();
			committed.forEach((partition, offset) -> {
				ListOffsetsResultInfo end = ends.get(partition);
				if (offset != null && end != null) {
					byTopic.merge(partition.topic(), Math.max(0, end.offset() - offset.offset()), Long::sum);
				}
			});
			byTopic.forEach((topic, lag) -> rows.put(Tags.of("group", group, "topic", topic), lag));
		}
		return rows;
	}

	/**
	 * Records in this service's dead-letter topics; one row per group, zero when it has
	 * none (so the series exists before the first failure).
	 */
	public Map<Tags, Number> deadLetters() {
		Set<String> topics = get(this.admin.listTopics().names()).stream()
			.filter((topic) -> topic.startsWith("error."))
			.collect(Collectors.toSet());
		Map<Tags, Number> rows = new HashMap<>();
		this.groups.forEach((group) -> rows.put(Tags.of("group", group), 0L));
		Map<String, String> groupOf = new HashMap<>();
		for (String topic : topics) {
			this.groups.stream()
				.filter((group) -> topic.endsWith("." + group))
				.findFirst()
				.ifPresent((group) -> groupOf.put(topic, group));
		}
		if (groupOf.isEmpty()) {
			return rows;
		}
		List<TopicPartition> partitions = get(this.admin.describeTopics(groupOf.keySet()).allTopicNames()).values()
			.stream()
			.flatMap((description) -> description.partitions()
				.stream()
				.map((info) -> new TopicPartition(description.name(), info.partition())))
			.toList();
		Map<TopicPartition, ListOffsetsResultInfo> earliest = endOffsets(partitions, OffsetSpec.earliest());
		Map<TopicPartition, ListOffsetsResultInfo> latest = endOffsets(partitions, OffsetSpec.latest());
		for (TopicPartition partition : partitions) {
			long size = latest.get(partition).offset() - earliest.get(partition).offset();
			rows.merge(Tags.of("group", groupOf.get(partition.topic())), Math.max(0, size),
					(a, b) -> a.longValue() + b.longValue());
		}
		return rows;
	}

	private Map<TopicPartition, ListOffsetsResultInfo> endOffsets(Collection<TopicPartition> partitions,
			OffsetSpec spec) {
		if (partitions.isEmpty()) {
			return Map.of();
		}
		return get(this.admin.listOffsets(partitions.stream().collect(Collectors.toMap((p) -> p, (p) -> spec))).all());
	}

	private static <T> T get(KafkaFuture<T> future) {
		try {
			return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(2));
	}

}
