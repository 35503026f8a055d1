package id.go.kalteng.kim.dissemination;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.contracts.group.GroupActivatedEvent;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.contracts.group.MemberJoinedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationStatusChangedEvent;
import id.go.kalteng.kim.dissemination.dispatch.Dispatch;
import id.go.kalteng.kim.dissemination.recipient.Recipient;
import id.go.kalteng.kim.support.test.KimInfrastructure;
import id.go.kalteng.kim.support.test.TestEventPublisher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Counts the database round trips of the per-event paths (recipient projection, fan-out,
 * progress) with a MongoDB {@code CommandListener}, and checks that while member joins
 * and status events flow nothing finds dispatches or recipients by anything but
 * {@code _id}: on the embedded database every other filter reads the whole collection.
 */
@Import(MongoCommands.Recording.class)
class RoundTripsIntegrationTest extends DisseminationServiceIntegrationTest {

	private static final Logger log = LoggerFactory.getLogger(RoundTripsIntegrationTest.class);

	private static final int MEMBERS = 400;

	private static final int HANDLED_BEFORE = 10_000;

	private static final String PROJECTION = "projectRecipients-in-0";

	/**
	 * The threads of the service's consumers (not the test's, not the outbox relay's).
	 */
	private static final Predicate<String> CONSUMERS = (thread) -> thread.startsWith("KafkaConsumerDestination");

	@Autowired
	MongoCommands commands;

	@Autowired
	BindingsLifecycleController bindings;

	@Test
	void joinsFanOutAndStatusEventsTouchDispatchesAndRecipientsOnlyById() throws Exception {
		String groupId = UUID.randomUUID().toString();
		Instant now = Instant.now();
		try (TestEventPublisher producer = new TestEventPublisher(this.json)) {
			producer.publish(new GroupRegisteredEvent(groupId, "KIM Sebangau", "62.71", "Sebangau", "Kereng Bangkirai",
					"PERKOTAAN", "FORMING", now));
			producer.publish(new GroupActivatedEvent(groupId, "62.71", MEMBERS, now));
			await().atMost(TIMEOUT)
				.until(() -> this.mongo.exists(Query.query(Criteria.where("_id").is(groupId)), "groups"));

			// member joins, published while the projection is stopped, then caught up
			List<MongoCommands.Command> joins = catchUp(producer, groupId, 0, "an empty processed_events");
			report("member joins", joins, MEMBERS);
			assertThat(joins).as("a poll's joins: one dedupe look-up, one bulk write, one dedupe record")
				.hasSizeLessThanOrEqualTo(MEMBERS / 10);
			// the same with many events handled before (another consumer's records)
			List<Document> handledBefore = new ArrayList<>();
			for (int i = 0; i < HANDLED_BEFORE; i++) {
				handledBefore.add(new Document("_id", "earlier:" + UUID.randomUUID()).append("type", "earlier")
					.append("processedAt", new Date()));
			}
			this.mongo.getCollection("processed_events").insertMany(handledBefore);
			catchUp(producer, groupId, MEMBERS, HANDLED_BEFORE + " records in processed_events");

			// fan-out
			String broadcastId = create(groupId);
			this.mvc.perform(post("/api/broadcasts/{id}/submit", broadcastId).with(OPERATOR_1))
				.andExpect(status().isOk());
			this.commands.clear();
			this.mvc.perform(post("/api/broadcasts/{id}/approve", broadcastId).with(OPERATOR_2))
				.andExpect(status().isOk());
			// SENDING comes with the first batch; the count reaches every recipient once
			// the
			// last batch is stored
			await().atMost(TIMEOUT)
				.until(() -> "SENDING".equals(progress(broadcastId).get("status").asString())
						&& progress(broadcastId).get("recipients").asInt() == 2 * MEMBERS);
			List<MongoCommands.Command> fanOut = this.commands.sentBy(CONSUMERS);
			report("fan-out", fanOut, 2 * MEMBERS);

			// status events: every dispatch SENT, then DELIVERED, plus a late QUEUED and
			// a
			// repeated SENT each
			List<String> dispatches = this.mongo
				.find(Query.query(Criteria.where("broadcastId").is(broadcastId)), Document.class, Dispatch.COLLECTION)
				.stream()
				.map((doc) -> doc.getString("_id"))
				.toList();
			assertThat(dispatches).hasSize(2 * MEMBERS);
			this.commands.clear();
			for (String status : List.of("SENT", "DELIVERED", "QUEUED", "SENT")) {
				for (String dispatch : dispatches) {
					producer.publish(new NotificationStatusChangedEvent(dispatch, "BROADCAST", broadcastId, "62.71",
							"SMS", status, null, null, Instant.now()));
				}
			}
			await().atMost(TIMEOUT.multipliedBy(4))
				.until(() -> progress(broadcastId).get("delivered").asInt() == 2 * MEMBERS && this.mongo.count(
						Query.query(Criteria.where("broadcastId").is(broadcastId).and("status").is("DELIVERED")),
						Dispatch.COLLECTION) == 2 * MEMBERS);
			// the last events (late QUEUED, repeated SENT) change nothing: wait until
			// they are consumed too
			await().atMost(TIMEOUT.multipliedBy(4)).until(this::progressConsumedEverything);
			List<MongoCommands.Command> progress = this.commands.sentBy(CONSUMERS);
			report("status events", progress, 8 * MEMBERS);
			this.commands.clear();
			JsonNode counts = progress(broadcastId);
			List<MongoCommands.Command> read = this.commands.recorded();
			report("GET progress", read, 1);
			assertThat(read).as("progress reads its counter document, not the dispatches")
				.noneMatch((c) -> Dispatch.COLLECTION.equals(c.collection()))
				.allMatch(MongoCommands.Command::byIdOnly);
			assertThat(counts.get("delivered").asInt()).isEqualTo(2 * MEMBERS);
			assertThat(counts.get("queued").asInt()).isZero();
			assertThat(counts.get("sent").asInt()).isZero();

			assertThat(scans(joins)).as("joins").isEmpty();
			assertThat(joins).as("a join of a group already stored does not write the group")
				.noneMatch((c) -> "groups".equals(c.collection()));
			assertThat(scans(progress)).as("status events").isEmpty();
			assertThat(scans(fanOut).stream().filter((c) -> Dispatch.COLLECTION.equals(c.collection())))
				.as("fan-out on dispatches")
				.isEmpty();
			assertThat(scans(fanOut).stream().filter((c) -> Recipient.COLLECTION.equals(c.collection())))
				.as("fan-out reads the recipients once")
				.hasSizeLessThanOrEqualTo(1);
		}
	}

	/**
	 * Publishes joins while the projection's binding is stopped, starts it and waits
	 * until they are projected; logs the rate between the projection's first and last
	 * command.
	 */
	private List<MongoCommands.Command> catchUp(TestEventPublisher producer, String groupId, int before,
			String condition) {
		this.bindings.changeState(PROJECTION, BindingsLifecycleController.State.STOPPED);
		for (int i = 0; i < MEMBERS; i++) {
			producer.publish(new MemberJoinedEvent(groupId, UUID.randomUUID().toString(), "62.71", "PERKOTAAN",
					"ACTIVE", String.format("+6281300%06d", before + i), "PRIA", "DEWASA", "PETANI", "ANGGOTA", false,
					new ChannelConsent(true, false), "id", Instant.now()));
		}
		this.commands.clear();
		this.bindings.changeState(PROJECTION, BindingsLifecycleController.State.STARTED);
		await().atMost(TIMEOUT.multipliedBy(4))
			.until(() -> this.mongo.count(Query.query(Criteria.where("groupId").is(groupId)),
					Recipient.COLLECTION) == before + MEMBERS);
		List<MongoCommands.Command> joins = this.commands.sentBy(CONSUMERS);
		double seconds = (joins.get(joins.size() - 1).at() - joins.get(0).at()) / 1e9;
		log.info("round trips: {} joins caught up in {} s: {} joins/s, with {}", MEMBERS,
				String.format("%.2f", seconds), String.format("%.0f", MEMBERS / seconds), condition);
		return joins;
	}

	/** Whether the progress consumer has committed every status event published. */
	private boolean progressConsumedEverything() throws Exception {
		try (Admin admin = Admin.create(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KimInfrastructure.get().kafkaBootstrapServers()))) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin
				.listConsumerGroupOffsets("dissemination-service-progress")
				.partitionsToOffsetAndMetadata()
				.get();
			Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
			for (int partition = 0; partition < 3; partition++) {
				partitions.put(new TopicPartition(Topics.NOTIFICATION_EVENTS, partition), OffsetSpec.latest());
			}
			Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions)
				.all()
				.get();
			return ends.entrySet()
				.stream()
				.allMatch((end) -> end.getValue()
					.offset() == ((committed.get(end.getKey()) != null) ? committed.get(end.getKey()).offset() : 0L));
		}
	}

	private static List<MongoCommands.Command> scans(List<MongoCommands.Command> commands) {
		return commands.stream()
			.filter((c) -> !c.byIdOnly())
			.filter((c) -> Dispatch.COLLECTION.equals(c.collection()) || Recipient.COLLECTION.equals(c.collection()))
			.toList();
	}

	private static void report(String phase, List<MongoCommands.Command> commands, int per) {
		Map<String, Long> tally = MongoCommands.tally(commands);
		StringBuilder lines = new StringBuilder();
		tally.forEach((key, count) -> lines
			.append(String.format("%n  %-45s %6d  %6.2f per", key, count, count / (double) per)));
		log.info("round trips: {}: {} commands for {} ({} per){}", phase, commands.size(), per,
				String.format("%.2f", commands.size() / (double) per), lines);
		log.info("round trips: {}: threads {}", phase,
				commands.stream().map(MongoCommands.Command::thread).distinct().toList());
	}

	private String create(String groupId) throws Exception {
		String body = "{\"title\":\"Waspada banjir\",\"message\":\"Sungai Kahayan naik\",\"channels\":[\"SMS\"],"
				+ "\"priority\":\"URGENT\",\"target\":{\"kabupaten\":[\"62.71\"],\"groups\":[\"" + groupId + "\"]}}";
		String response = this.mvc
			.perform(post("/api/broadcasts").with(OPERATOR_1).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return this.json.readTree(response).get("id").asString();
	}

}
