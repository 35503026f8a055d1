package id.go.kalteng.kim.infra.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import id.go.kalteng.kim.infra.bench.BenchApi.Pause;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group is behind a topic, read from the broker (committed offsets
 * against end offsets), so that waiting for a projection costs the platform nothing: a
 * draft's preview reads the whole recipient projection, and on the embedded database such
 * a scan holds one of the server's event loops, slowing the very projection it waits for
 * (the 100,000-recipient catch-up stalled behind previews polled every 5 s).
 */
public final class ProjectionLag implements AutoCloseable {

	private final Admin admin;

	private final String group;

	private final String topic;

	public ProjectionLag(String bootstrap, String group, String topic) {
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				AdminClientConfig.CLIENT_ID_CONFIG, "kim-bench-lag"));
		this.group = group;
		this.topic = topic;
	}

	/** The sum of the topic's end offsets over its partitions: records ever written. */
	long endOffsets() {
		return endOffsetsByPartition().values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Records written to the topic that the group has not committed yet (a partition the
	 * group never committed counts whole).
	 */
	long lag() {
		Map<TopicPartition, Long> ends = endOffsetsByPartition();
		Map<TopicPartition, OffsetAndMetadata> committed = get(
				this.admin.listConsumerGroupOffsets(this.group).partitionsToOffsetAndMetadata());
		return behind(ends, committed);
	}

	/** The records written and not committed, summed over the partitions. */
	private static long behind(Map<TopicPartition, Long> ends, Map<TopicPartition, OffsetAndMetadata> committed) {
		long lag = 0;
		for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
			OffsetAndMetadata at = committed.get(end.getKey());
			lag += end.getValue() - ((at != null) ? at.offset() : 0);
		}
		return lag;
	}

	/**
	 * Waits until at least {@code records} records were written to the topic and the
	 * group has committed all of them, twice in a row a second apart with nothing written
	 * in between (so a relay that has not published its last events yet is not mistaken
	 * for the end: {@code records} counts the joins, and the groups' own events, written
	 * on top, could reach it while joins still wait in the relay).
	 * @param records the end offsets' sum to reach
	 * @param timeoutSeconds how long to wait at most
	 * @param progress told the lag every 30 s
	 * @return System.nanoTime() of the first of the two checks that found no lag
	 */
	public long awaitCaughtUp(long records, int timeoutSeconds, Consumer<String> progress) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		long firstZero = 0;
		long endAtFirstZero = -1;
		while (true) {
			long end;
			long lag;
			try {
				end = endOffsets();
				lag = lag();
			}
			catch (IllegalStateException ex) {
				// a broker too busy to answer within 30 s is no reason to give up the run
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				progress.accept(this.group + ": no answer from the broker (" + ex.getMessage() + "); asking again");
				firstZero = 0;
				continue;
			}
			long now = System.nanoTime();
			if (end >= records && lag == 0) {
				if (firstZero != 0 && end == endAtFirstZero) {
					return firstZero;
				}
				firstZero = now;
				endAtFirstZero = end;
			}
			else {
				firstZero = 0;
			}
			if (now > deadline) {
				throw new IllegalStateException(this.group + " still " + lag + " records behind " + this.topic + " ("
						+ end + " written, at least " + records + " awaited) after " + timeoutSeconds + " s");
			}
			if (now > nextReport) {
				progress.accept(this.group + ": " + lag + " records behind on " + this.topic + " (" + end
						+ " written, at least " + records + " awaited)");
				nextReport = now + TimeUnit.SECONDS.toNanos(30);
			}
			Pause.millis(1000);
		}
	}

	/**
	 * Waits until every consumer group with members that has committed on the topic is at
	 * its end (the other projections of the same events: activity-service's,
	 * stream-service's), so that what is measured next does not share the database with a
	 * catch-up still under way; a group nobody consumes for (an agency's monitor that
	 * stopped) is not waited for.
	 * @param timeoutSeconds how long to wait at most
	 * @param progress told the groups still behind every 30 s, and at the timeout
	 * @return how long it waited, in nanoseconds
	 */
	public long awaitEveryGroupCaughtUp(int timeoutSeconds, Consumer<String> progress) {
		long started = System.nanoTime();
		long deadline = started + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		long nextReport = started + TimeUnit.SECONDS.toNanos(30);
		while (true) {
			Map<String, Long> behind;
			try {
				behind = lagOfEveryGroup();
			}
			catch (IllegalStateException ex) {
				behind = new TreeMap<>(Map.of("(no answer from the broker: " + ex.getMessage() + ")", 1L));
			}
			behind.values().removeIf((lag) -> lag == 0);
			long now = System.nanoTime();
			if (behind.isEmpty()) {
				return now - started;
			}
			if (now > deadline) {
				progress
					.accept("still behind on " + this.topic + " after " + timeoutSeconds + " s, going on: " + behind);
				return now - started;
			}
			if (now > nextReport) {
				progress.accept("behind on " + this.topic + ": " + behind);
				nextReport = now + TimeUnit.SECONDS.toNanos(30);
			}
			Pause.millis(1000);
		}
	}

	/**
	 * Per consumer group with members that has committed on the topic, its records not
	 * committed yet.
	 */
	@SuppressWarnings("deprecation") // listGroups' consumer filter is newer than some
										// brokers
	Map<String, Long> lagOfEveryGroup() {
		Map<TopicPartition, Long> ends = endOffsetsByPartition();
		Map<String, Long> lags = new TreeMap<>();
		List<String> groups = get(this.admin.listConsumerGroups().all()).stream()
			.map(ConsumerGroupListing::groupId)
			.toList();
		Map<String, ConsumerGroupDescription> described = groups.isEmpty() ? Map.of()
				: get(this.admin.describeConsumerGroups(groups).all());
		for (String group : groups) {
			ConsumerGroupDescription description = described.get(group);
			if (description == null || description.members().isEmpty()) {
				continue;
			}
			Map<TopicPartition, OffsetAndMetadata> committed = get(
					this.admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
			if (committed.keySet().stream().noneMatch((partition) -> partition.topic().equals(this.topic))) {
				continue;
			}
			lags.put(group, behind(ends, committed));
		}
		return lags;
	}

	private Map<TopicPartition, Long> endOffsetsByPartition() {
		List<TopicPartition> partitions = get(this.admin.describeTopics(List.of(this.topic)).allTopicNames())
			.get(this.topic)
			.partitions()
			.stream()
			.map((partition) -> new TopicPartition(this.topic, partition.partition()))
			.toList();
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		partitions.forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
		return get(this.admin.listOffsets(latest).all()).entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
	}

	private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
		try {
			return future.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka admin: " + ex, ex);
		}
	}

	@Override
	public void close() {
		this.admin.close();
	}

}
