package id.go.kalteng.kim.dissemination;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import com.mongodb.client.MongoCollection;
import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.dissemination.BroadcastApprovedEvent;
import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.contracts.group.GroupActivatedEvent;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.contracts.group.GroupUpdatedEvent;
import id.go.kalteng.kim.contracts.group.MemberErasedEvent;
import id.go.kalteng.kim.contracts.group.MemberJoinedEvent;
import id.go.kalteng.kim.contracts.group.MemberLeftEvent;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.dissemination.dispatch.Dispatch;
import id.go.kalteng.kim.dissemination.dispatch.DispatchProgress;
import id.go.kalteng.kim.dissemination.dispatch.DispatchStatus;
import id.go.kalteng.kim.support.test.TestEventPublisher;
import id.go.kalteng.kim.support.test.TestTokens;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The whole path on the real broker: group events build the recipients, an approved
 * broadcast fans out into one notification request per recipient.
 */
class FanOutIntegrationTest extends DisseminationServiceIntegrationTest {

	/** The fan-out's batch (FanOut.BATCH, package-private there). */
	private static final int FAN_OUT_BATCH = 500;

	@Autowired
	DispatchProgress progress;

	@Test
	void anApprovedBroadcastRequestsOneNotificationPerRecipientOfTheActiveGroupAndTracksTheirProgress()
			throws Exception {
		String groupId = UUID.randomUUID().toString();
		Instant now = Instant.now();
		List<String> members = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
				UUID.randomUUID().toString());
		try (TestEventPublisher producer = new TestEventPublisher(this.json);
				TopicReader requests = new TopicReader(Topics.NOTIFICATION_URGENT_REQUESTS)) {
			producer.publish(new GroupRegisteredEvent(groupId, "KIM Kahayan", "62.71", "Jekan Raya", "Menteng",
					"PERKOTAAN", "FORMING", now));
			for (int i = 0; i < members.size(); i++) {
				producer.publish(
						new MemberJoinedEvent(groupId, members.get(i), "62.71", "PERKOTAAN", "FORMING", randomPhone(),
								"P", "DEWASA", "PETANI", "MEMBER", i != 0, new ChannelConsent(true, true), "id", now));
			}
			producer.publish(new GroupActivatedEvent(groupId, "62.71", 3, now));

			String id = create(groupId);
			await().atMost(TIMEOUT).until(() -> preview(id).get("recipients").asInt() == 3);
			JsonNode preview = preview(id);
			assertThat(preview.get("byChannel").get("WHATSAPP").asInt()).isEqualTo(2);
			assertThat(preview.get("byChannel").get("SMS").asInt()).isEqualTo(1);

			this.mvc.perform(post("/api/broadcasts/{id}/submit", id).with(TestTokens.operator("operator-1")))
				.andExpect(status().isOk());
			this.mvc.perform(post("/api/broadcasts/{id}/approve", id).with(TestTokens.operator("operator-2")))
				.andExpect(status().isOk());

			await().atMost(TIMEOUT).until(() -> requestsFor(requests, id).size() == 3);
			await().atMost(TIMEOUT).until(() -> "SENDING".equals(progress(id).get("status").asString()));
			JsonNode progress = progress(id);
			assertThat(progress.get("recipients").asInt()).isEqualTo(3);
			assertThat(progress.get("queued").asInt()).isEqualTo(3);
			List<ConsumerRecord<String, byte[]>> sent = requestsFor(requests, id);
			assertThat(sent).hasSize(3);
			for (ConsumerRecord<String, byte[]> record : sent) {
				EventSchemas.assertValid(NotificationRequestedEvent.TYPE, TopicReader.value(record));
			}
			assertThat(sent.stream().map((r) -> this.json.readTree(TopicReader.value(r)).get("memberId").asString()))
				.containsExactlyInAnyOrderElementsOf(members);

			String first = this.json.readTree(TopicReader.value(sent.get(0))).get("notificationId").asString();
			assertThat(this.progress.advance(first, DispatchStatus.DELIVERED)).isTrue();
			assertThat(this.progress.advance(first, DispatchStatus.SENT)).isFalse();
			assertThat(progress(id).get("delivered").asInt()).isEqualTo(1);
			assertThat(progress(id).get("queued").asInt()).isEqualTo(2);

			producer.publish(new MemberErasedEvent(groupId, members.get(0), "62.71", Instant.now()));
			await().atMost(TIMEOUT).until(() -> preview(id).get("recipients").asInt() == 2);
		}
	}

	/**
	 * A target that names groups is read as those groups only: a person in a named group
	 * and in another gets one message, through the named group; a person only in the
	 * other gets none; naming both still sends the person in both one message.
	 */
	@Test
	void aTargetOfSomeGroupsReachesTheirMembersOnceEachAndNobodyOutsideThem() throws Exception {
		Instant now = Instant.now();
		String named = UUID.randomUUID().toString();
		String other = UUID.randomUUID().toString();
		String both = randomPhone();
		String inNamed = UUID.randomUUID().toString();
		String inBothThroughNamed = UUID.randomUUID().toString();
		try (TestEventPublisher producer = new TestEventPublisher(this.json);
				TopicReader requests = new TopicReader(Topics.NOTIFICATION_URGENT_REQUESTS)) {
			for (String group : List.of(named, other)) {
				producer.publish(new GroupRegisteredEvent(group, "KIM " + group.substring(0, 8), "62.71", "Pahandut",
						"Panarung", "PERKOTAAN", "ACTIVE", now));
			}
			producer.publish(joined(named, inNamed, randomPhone(), now));
			producer.publish(joined(named, inBothThroughNamed, both, now));
			producer.publish(joined(other, UUID.randomUUID().toString(), both, now));
			producer.publish(joined(other, UUID.randomUUID().toString(), randomPhone(), now));

			String id = create(named);
			String wider = create("{\"kabupaten\":[\"62.71\"],\"groups\":[\"" + named + "\",\"" + other + "\"]}");
			await().atMost(TIMEOUT).until(() -> preview(wider).get("recipients").asInt() == 3);
			assertThat(preview(id).get("recipients").asInt()).isEqualTo(2);

			this.mvc.perform(post("/api/broadcasts/{id}/submit", id).with(TestTokens.operator("operator-1")))
				.andExpect(status().isOk());
			this.mvc.perform(post("/api/broadcasts/{id}/approve", id).with(TestTokens.operator("operator-2")))
				.andExpect(status().isOk());
			await().atMost(TIMEOUT).until(() -> "SENDING".equals(progress(id).get("status").asString()));
			await().atMost(TIMEOUT).until(() -> requestsFor(requests, id).size() >= 2);
			assertThat(requestsFor(requests, id).stream()
				.map((r) -> this.json.readTree(TopicReader.value(r)).get("memberId").asString()))
				.containsExactlyInAnyOrder(inNamed, inBothThroughNamed);
			assertThat(progress(id).get("recipients").asInt()).isEqualTo(2);
		}
	}

	private static MemberJoinedEvent joined(String group, String member, String phone, Instant at) {
		return new MemberJoinedEvent(group, member, "62.71", "PERKOTAAN", "ACTIVE", phone, "L", "DEWASA", "NELAYAN",
				"MEMBER", false, new ChannelConsent(true, false), "id", at);
	}

	/**
	 * A fan-out that died after storing its first batch of dispatches (a crash, the
	 * database or broker away): the approval is consumed again and the fan-out redone.
	 * Here the state such a crash leaves is made by removing the dispatches of the later
	 * batches after a complete fan-out, and the approval delivered once more.
	 */
	@Test
	void aFanOutRedoneAfterACrashMidwayStoresTheMissingDispatchesAndRequestsEveryoneUnderTheSameIds() throws Exception {
		int members = 2 * FAN_OUT_BATCH + 100;
		String groupId = UUID.randomUUID().toString();
		Instant now = Instant.now();
		try (TestEventPublisher producer = new TestEventPublisher(this.json);
				TopicReader requests = new TopicReader(Topics.NOTIFICATION_URGENT_REQUESTS);
				TopicReader approvals = new TopicReader(Topics.DISSEMINATION_EVENTS)) {
			producer.publish(new GroupRegisteredEvent(groupId, "KIM Pahandut", "62.71", "Pahandut", "Panarung",
					"PERKOTAAN", "FORMING", now));
			for (int i = 0; i < members; i++) {
				producer.publish(new MemberJoinedEvent(groupId, UUID.randomUUID().toString(), "62.71", "PERKOTAAN",
						"FORMING", randomPhone(), "PRIA", "DEWASA", "NELAYAN", "ANGGOTA", false,
						new ChannelConsent(true, true), "id", now));
			}
			producer.publish(new GroupActivatedEvent(groupId, "62.71", members, now));
			String id = create(groupId);
			// 1,100 joins: the projection needs longer than a few events on a busy
			// machine
			await().atMost(TIMEOUT.multipliedBy(4)).until(() -> preview(id).get("recipients").asInt() == members);
			this.mvc.perform(post("/api/broadcasts/{id}/submit", id).with(TestTokens.operator("operator-1")))
				.andExpect(status().isOk());
			this.mvc.perform(post("/api/broadcasts/{id}/approve", id).with(TestTokens.operator("operator-2")))
				.andExpect(status().isOk());
			await().atMost(TIMEOUT).until(() -> "SENDING".equals(progress(id).get("status").asString()));
			await().atMost(TIMEOUT).until(() -> requestsFor(requests, id).size() == members);

			MongoCollection<Document> dispatches = this.mongo.getCollection(Dispatch.COLLECTION);
			List<Object> stored = dispatches.find(new Document("broadcastId", id))
				.into(new ArrayList<>())
				.stream()
				.map((doc) -> doc.get("_id"))
				.toList();
			assertThat(stored).hasSize(members);
			dispatches.deleteMany(new Document("_id", new Document("$in", stored.subList(FAN_OUT_BATCH, members))));
			// and the broadcast's fan-out not done, as a crash before its end leaves it
			this.mongo.getCollection("broadcasts")
				.updateOne(new Document("_id", id), new Document("$set", new Document("fanOutDone", false)));

			ConsumerRecord<String, byte[]> approval = await().atMost(TIMEOUT)
				.until(() -> approvals.forSubject(id)
					.stream()
					.filter((r) -> BroadcastApprovedEvent.TYPE.equals(TopicReader.header(r, "ce_type")))
					.findFirst(), Optional::isPresent)
				.orElseThrow();
			producer.publish(this.json.readValue(TopicReader.value(approval), BroadcastApprovedEvent.class));

			await().atMost(TIMEOUT.multipliedBy(2)).until(() -> requestsFor(requests, id).size() == 2 * members);
			assertThat(dispatches.countDocuments(new Document("broadcastId", id))).isEqualTo(members);
			Map<String, List<ConsumerRecord<String, byte[]>>> byNotification = requestsFor(requests, id).stream()
				.collect(Collectors
					.groupingBy((r) -> this.json.readTree(TopicReader.value(r)).get("notificationId").asString()));
			assertThat(byNotification).hasSize(members).containsOnlyKeys(stored.stream().map(String::valueOf).toList());
			byNotification.values().forEach((twice) -> {
				assertThat(twice).hasSize(2);
				assertThat(TopicReader.header(twice.get(1), "ce_id"))
					.as("a redone request is the same event: downstream deduplicates it")
					.isEqualTo(TopicReader.header(twice.get(0), "ce_id"));
			});
			JsonNode progress = progress(id);
			assertThat(progress.get("recipients").asInt()).isEqualTo(members);
			assertThat(progress.get("queued").asInt()).isEqualTo(members);
		}
	}

	@Test
	void theRecipientProjectionFollowsLeavesAndSettingChanges() throws Exception {
		String groupId = UUID.randomUUID().toString();
		Instant now = Instant.now();
		List<String> members = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
				UUID.randomUUID().toString());
		try (TestEventPublisher producer = new TestEventPublisher(this.json)) {
			producer.publish(new GroupRegisteredEvent(groupId, "KIM Bereng", "62.11", "Kahayan Hilir", "Bereng",
					"PERKOTAAN", "FORMING", now));
			for (String member : members) {
				producer.publish(new MemberJoinedEvent(groupId, member, "62.11", "PERKOTAAN", "FORMING", randomPhone(),
						"WANITA", "DEWASA", "NELAYAN", "ANGGOTA", false, new ChannelConsent(true, true), "id", now));
			}
			producer.publish(new GroupActivatedEvent(groupId, "62.11", 3, now));
			String rural = create(
					"{\"kabupaten\":[\"62.11\"],\"groups\":[\"" + groupId + "\"],\"setting\":[\"PERDESAAN\"]}");
			String all = create("{\"kabupaten\":[\"62.11\"],\"groups\":[\"" + groupId + "\"]}");
			await().atMost(TIMEOUT).until(() -> preview(all).get("recipients").asInt() == 3);
			assertThat(preview(rural).get("recipients").asInt()).isZero();

			producer.publish(new GroupUpdatedEvent(groupId, "62.11", "KIM Bereng", "Kahayan Hilir", "Bereng",
					"PERDESAAN", null, null, null, Instant.now()));
			await().atMost(TIMEOUT).until(() -> preview(rural).get("recipients").asInt() == 3);

			producer.publish(new MemberLeftEvent(groupId, members.get(0), "62.11", "ACTIVE", Instant.now()));
			await().atMost(TIMEOUT).until(() -> preview(all).get("recipients").asInt() == 2);
		}
	}

	private List<ConsumerRecord<String, byte[]>> requestsFor(TopicReader reader, String broadcastId) {
		return reader.poll()
			.stream()
			.filter((r) -> TopicReader.value(r).contains("\"sourceId\":\"" + broadcastId + "\""))
			.toList();
	}

	private String create(String groupOrTarget) throws Exception {
		String target = groupOrTarget.startsWith("{") ? groupOrTarget
				: "{\"kabupaten\":[\"62.71\"],\"groups\":[\"" + groupOrTarget + "\"]}";
		String body = "{\"title\":\"Waspada banjir\",\"message\":\"Sungai Kahayan naik, siapkan evakuasi\","
				+ "\"channels\":[\"WHATSAPP\",\"SMS\"],\"priority\":\"URGENT\",\"target\":" + target + "}";
		String response = this.mvc
			.perform(post("/api/broadcasts").with(TestTokens.operator("operator-1"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return this.json.readTree(response).get("id").asString();
	}

}
