package id.go.kalteng.kim.stream.publiclog;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The event ids most recently published to the public log, to skip an event a source
 * published twice (an outbox relay publishes at least once, so a repeat follows its first
 * copy closely). It lives in memory, as 64-bit hashes of the ids, and is rebuilt from the
 * public topics themselves (their last records, read committed) whenever the republisher
 * is given its partitions: the log is its own record of what was published, and no
 * database is written per event. Ids are added only after their transaction committed, so
 * a batch handed over again after an abort is published again. A repeat further back than
 * {@code window} events would be published twice.
 */
public class RecentlyPublished {

	private final int window;

	private final Clock clock;

	private final LinkedHashMap<Long, Boolean> ids;

	public RecentlyPublished(int window, Clock clock) {
		this.window = window;
		this.clock = clock;
		this.ids = new LinkedHashMap<>(16, 0.75f, false) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
				return size() > RecentlyPublished.this.window;
			}
		};
	}

	public synchronized boolean contains(String id) {
		return this.ids.containsKey(hash(id));
	}

	/** Remembers ids whose transaction committed. */
	public synchronized void addAll(Collection<String> committed) {
		committed.forEach((id) -> this.ids.put(hash(id), Boolean.TRUE));
	}

	/** Forgets every id, as a new process starts (tests). */
	synchronized void forgetAll() {
		this.ids.clear();
	}

	public synchronized int size() {
		return this.ids.size();
	}

	/**
	 * Forgets everything and reads the last {@code window / topics} records of each
	 * public topic again (within {@code timeout}).
	 */
	public void reload(Supplier<Consumer<String, byte[]>> consumers, List<String> topics, Duration timeout) {
		Map<Long, Boolean> loaded = new LinkedHashMap<>();
		long perTopic = Math.max(1, this.window / Math.max(1, topics.size()));
		try (Consumer<String, byte[]> consumer = consumers.get()) {
			List<TopicPartition> partitions = topics.stream().map((topic) -> new TopicPartition(topic, 0)).toList();
			consumer.assign(partitions);
			Map<TopicPartition, Long> oldest = consumer.beginningOffsets(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			Map<TopicPartition, Long> remaining = new HashMap<>();
			for (TopicPartition partition : partitions) {
				long from = Math.max(oldest.get(partition), end.get(partition) - perTopic);
				consumer.seek(partition, from);
				if (from < end.get(partition)) {
					remaining.put(partition, end.get(partition));
				}
			}
			Instant deadline = this.clock.instant().plus(timeout);
			while (!remaining.isEmpty() && this.clock.instant().isBefore(deadline)) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					String id = PublicEvents.header(record, "ce_id");
					if (id != null) {
						loaded.put(hash(id), Boolean.TRUE);
					}
				}
				remaining.keySet().removeIf((partition) -> consumer.position(partition) >= remaining.get(partition));
			}
			if (!remaining.isEmpty()) {
				throw new IllegalStateException("could not read the public log's recent events in " + timeout);
			}
		}
		synchronized (this) {
			this.ids.clear();
			this.ids.putAll(loaded);
		}
	}

	private static long hash(String id) {
		UUID digest = UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8));
		return digest.getMostSignificantBits() ^ (31 * digest.getLeastSignificantBits());
	}

}
