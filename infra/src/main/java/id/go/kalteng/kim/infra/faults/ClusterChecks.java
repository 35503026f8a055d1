package id.go.kalteng.kim.infra.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What scenario 10 reads from the cluster itself, with the AdminClient and a plain
 * consumer: the consumer groups' members and assignments (before and after the kill: did
 * the survivors take the killed instance's partitions?), the metadata quorum's leader
 * (the broker to kill), the replication of the platform's topics, and the events of one
 * broadcast on its topics (a scheduled broadcast released once, one notification request
 * per recipient).
 */
final class ClusterChecks {

	static final String DISSEMINATION_EVENTS = "kim.dissemination.events";

	static final List<String> REQUEST_TOPICS = List.of("kim.notification.requests", "kim.notification.urgent-requests");

	static final String APPROVED_TYPE = "kim.dissemination.broadcast-approved.v1";

	private final String bootstrap;

	private final JsonMapper json = JsonMapper.builder().build();

	ClusterChecks(String bootstrap) {
		this.bootstrap = bootstrap;
	}

	/**
	 * One consumer group at one moment.
	 *
	 * @param state the coordinator's state (Stable, PreparingRebalance ...)
	 * @param members member id → the partitions assigned to it
	 */
	record Group(String state, Map<String, Set<TopicPartition>> members) {

		Set<TopicPartition> assigned() {
			Set<TopicPartition> all = new HashSet<>();
			this.members.values().forEach(all::addAll);
			return all;
		}

	}

	/**
	 * The platform's consumer groups with at least one member now (not dead-letter
	 * readers or tools).
	 */
	Map<String, Group> groups() {
		try (Admin admin = admin()) {
			List<String> ids = new ArrayList<>();
			for (GroupListing group : admin.listGroups().all().get(30, TimeUnit.SECONDS)) {
				if (group.groupId().startsWith("stream-service") || group.groupId().startsWith("group-service")
						|| group.groupId().startsWith("activity-service")
						|| group.groupId().startsWith("dissemination-service")
						|| group.groupId().startsWith("notification-service")) {
					ids.add(group.groupId());
				}
			}
			Map<String, Group> groups = new TreeMap<>();
			Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(ids)
				.all()
				.get(30, TimeUnit.SECONDS);
			described.forEach((id, description) -> {
				Map<String, Set<TopicPartition>> members = new TreeMap<>();
				for (MemberDescription member : description.members()) {
					members.put(member.consumerId(), new HashSet<>(member.assignment().topicPartitions()));
				}
				groups.put(id, new Group(description.groupState().toString(), members));
			});
			return groups;
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot describe the consumer groups: " + ex, ex);
		}
	}

	/**
	 * What went wrong with the rebalance of each group that had two or more members
	 * before: after, it must be Stable, have lost members (the killed instance's) but
	 * kept at least one, only members it had before (the survivors, not restarted), and
	 * have every partition it had assigned before assigned again.
	 */
	static List<String> rebalanceProblems(Map<String, Group> before, Map<String, Group> after) {
		List<String> problems = new ArrayList<>();
		before.forEach((id, was) -> {
			if (was.members().size() < 2) {
				return;
			}
			Group now = after.get(id);
			if (now == null || now.members().isEmpty()) {
				problems.add(id + ": no member left of " + was.members().size());
				return;
			}
			if (!"STABLE".equalsIgnoreCase(now.state())) {
				problems.add(id + ": " + now.state() + ", not stable");
			}
			if (now.members().size() >= was.members().size()) {
				problems.add(id + ": still " + now.members().size() + " members (the killed instance's did not leave)");
			}
			if (!was.members().keySet().containsAll(now.members().keySet())) {
				problems.add(id + ": members that were not there before");
			}
			Set<TopicPartition> missing = new TreeSet<>(ClusterChecks::compare);
			missing.addAll(was.assigned());
			missing.removeAll(now.assigned());
			if (!missing.isEmpty()) {
				problems.add(id + ": partitions no survivor took: " + missing);
			}
		});
		return problems;
	}

	/**
	 * Whether every group that had two or more members has settled as
	 * {@link #rebalanceProblems} wants.
	 */
	static boolean rebalanced(Map<String, Group> before, Map<String, Group> after) {
		return rebalanceProblems(before, after).isEmpty();
	}

	/** One line per group: members before → after, partitions of the survivors. */
	static String describe(Map<String, Group> before, Map<String, Group> after) {
		List<String> parts = new ArrayList<>();
		before.forEach((id, was) -> {
			Group now = after.getOrDefault(id, new Group("gone", Map.of()));
			int survivorsHadBefore = 0;
			for (String member : now.members().keySet()) {
				survivorsHadBefore += was.members().getOrDefault(member, Set.of()).size();
			}
			parts.add(String.format(Locale.ROOT, "%s %d→%d members (%s), survivors' partitions %d→%d", id,
					was.members().size(), now.members().size(), now.state(), survivorsHadBefore,
					now.assigned().size()));
		});
		return String.join("; ", parts);
	}

	private static int compare(TopicPartition a, TopicPartition b) {
		int topic = a.topic().compareTo(b.topic());
		return (topic != 0) ? topic : Integer.compare(a.partition(), b.partition());
	}

	/** The node id of the metadata quorum's leader (the active controller). */
	int quorumLeader() {
		try (Admin admin = admin()) {
			return admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot describe the metadata quorum: " + ex, ex);
		}
	}

	/**
	 * The platform topics whose replication is below 3 replicas or
	 * {@code min.insync.replicas} 2 (empty: all as the cluster wants them).
	 */
	List<String> underReplicatedTopics(List<String> topics) {
		try (Admin admin = admin()) {
			List<String> problems = new ArrayList<>();
			Map<String, TopicDescription> described = admin.describeTopics(topics)
				.allTopicNames()
				.get(30, TimeUnit.SECONDS);
			Map<org.apache.kafka.common.config.ConfigResource, org.apache.kafka.clients.admin.Config> configs = admin
				.describeConfigs(topics.stream()
					.map((topic) -> new org.apache.kafka.common.config.ConfigResource(
							org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic))
					.toList())
				.all()
				.get(30, TimeUnit.SECONDS);
			described.forEach((topic, description) -> {
				for (TopicPartitionInfo partition : description.partitions()) {
					if (partition.replicas().size() < 3) {
						problems.add(topic + "-" + partition.partition() + " has " + partition.replicas().size()
								+ " replicas");
					}
				}
			});
			configs.forEach((resource, config) -> {
				var minInsync = config.get("min.insync.replicas");
				if (minInsync == null || Integer.parseInt(minInsync.value()) < 2) {
					problems.add(resource.name() + " min.insync.replicas="
							+ ((minInsync != null) ? minInsync.value() : "?"));
				}
			});
			return problems;
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot describe the topics: " + ex, ex);
		}
	}

	/**
	 * The events of one broadcast on the broker: its approvals (each distinct event id is
	 * one release of the broadcast; copies of one id are one event published again) and
	 * its notification requests per recipient.
	 *
	 * @param approvals distinct ids of the broadcast's approval events
	 * @param approvalCopies records of those events beyond one per id
	 * @param approvalTraceIds the trace ids of the approval events' {@code traceparent}
	 * headers (empty when they had none)
	 * @param requestIdsPerRecipient recipient → distinct request event ids
	 * @param requestCopies records of request events beyond one per id (the same event
	 * published again after a kill: consumers drop it by its id)
	 */
	record BroadcastEvents(Set<String> approvals, int approvalCopies, Set<String> approvalTraceIds,
			Map<String, Set<String>> requestIdsPerRecipient, int requestCopies) {

		/** Recipients with more than one distinct request: the fan-out doubled. */
		List<String> doubledRecipients() {
			List<String> doubled = new ArrayList<>();
			this.requestIdsPerRecipient.forEach((phone, ids) -> {
				if (ids.size() > 1) {
					doubled.add(Tally.mask(phone) + " ×" + ids.size());
				}
			});
			return doubled;
		}

	}

	BroadcastEvents broadcastEvents(String broadcast) {
		Set<String> approvals = new TreeSet<>();
		Set<String> traceIds = new TreeSet<>();
		Map<String, Integer> approvalRecords = new HashMap<>();
		Map<String, Set<String>> requests = new TreeMap<>();
		Map<String, Integer> requestRecords = new HashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : readAll(List.of(DISSEMINATION_EVENTS))) {
			if (APPROVED_TYPE.equals(header(record, "ce_type"))) {
				JsonNode event = parse(record.value());
				if (event != null && broadcast.equals(event.path("broadcastId").asString(""))) {
					String id = header(record, "ce_id");
					approvals.add(id);
					String traceId = traceId(header(record, "traceparent"));
					if (traceId != null) {
						traceIds.add(traceId);
					}
					approvalRecords.merge(id, 1, Integer::sum);
				}
			}
		}
		for (ConsumerRecord<byte[], byte[]> record : readAll(REQUEST_TOPICS)) {
			JsonNode event = parse(record.value());
			if (event != null && broadcast.equals(event.path("sourceId").asString(""))) {
				String id = header(record, "ce_id");
				requests.computeIfAbsent(event.path("phone").asString(""), (phone) -> new TreeSet<>()).add(id);
				requestRecords.merge(id, 1, Integer::sum);
			}
		}
		return new BroadcastEvents(approvals, copies(approvalRecords), traceIds, requests, copies(requestRecords));
	}

	/** The trace id inside a W3C {@code traceparent} (null when it is none). */
	static String traceId(String traceparent) {
		return (traceparent != null && traceparent.length() >= 55 && traceparent.startsWith("00-"))
				? traceparent.substring(3, 35) : null;
	}

	private static int copies(Map<String, Integer> records) {
		return records.values().stream().mapToInt((count) -> count - 1).sum();
	}

	private JsonNode parse(byte[] value) {
		try {
			return (value != null) ? this.json.readTree(value) : null;
		}
		catch (RuntimeException ex) {
			// a poison record of scenario 8, or anything else that is not an event
			return null;
		}
	}

	private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/** Every committed record of the topics, from the beginning to their end now. */
	private List<ConsumerRecord<byte[], byte[]>> readAll(List<String> topics) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (Admin admin = admin();
				KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
						ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false", ConsumerConfig.ISOLATION_LEVEL_CONFIG,
						"read_committed", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
						ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
			Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			admin.describeTopics(topics.stream().filter(existing::contains).toList())
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.forEach((topic, description) -> description.partitions()
					.forEach((partition) -> latest.put(new TopicPartition(topic, partition.partition()),
							OffsetSpec.latest())));
			Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
			List<TopicPartition> partitions = new ArrayList<>(ends.keySet());
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < ends.get(p).offset())
					&& System.nanoTime() < until) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
			return records;
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot read " + topics + ": " + ex, ex);
		}
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrap,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000));
	}

}
