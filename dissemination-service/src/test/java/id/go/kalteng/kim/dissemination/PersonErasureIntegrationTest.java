package id.go.kalteng.kim.dissemination;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.contracts.group.GroupActivatedEvent;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.contracts.group.MemberJoinedEvent;
import id.go.kalteng.kim.contracts.group.PersonErasedEvent;
import id.go.kalteng.kim.dissemination.dispatch.Dispatch;
import id.go.kalteng.kim.dissemination.recipient.Recipient;
import id.go.kalteng.kim.support.outbox.OutboxRelay;
import id.go.kalteng.kim.support.test.TestEventPublisher;
import id.go.kalteng.kim.support.test.TestTokens;
import id.go.kalteng.kim.support.test.TopicReader;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A person's erasure (UU PDP) reaches dissemination's copies: after
 * {@code kim.group.person-erased.v1} no recipient and no dispatch holds the number, and a
 * notification request to it that was not yet published never is.
 */
class PersonErasureIntegrationTest extends DisseminationServiceIntegrationTest {

	@Autowired
	OutboxRelay relay;

	@Test
	void afterAPersonsErasureNoDispatchOrRecipientHoldsTheirNumber() throws Exception {
		String groupId = UUID.randomUUID().toString();
		List<String> phones = List.of(randomPhone(), randomPhone(), randomPhone());
		String erased = phones.get(0);
		String erasedHash = this.pseudonyms.of(erased);
		Instant now = Instant.now();
		try (TestEventPublisher producer = new TestEventPublisher(this.json);
				TopicReader requests = new TopicReader(Topics.NOTIFICATION_REQUESTS)) {
			producer.publish(new GroupRegisteredEvent(groupId, "KIM Tumbang", "62.71", "Jekan Raya", "Menteng",
					"PERKOTAAN", "FORMING", now));
			for (String phone : phones) {
				producer.publish(new MemberJoinedEvent(groupId, UUID.randomUUID().toString(), "62.71", "PERKOTAAN",
						"FORMING", phone, "WANITA", "DEWASA", "PETANI", "ANGGOTA", true, new ChannelConsent(true, true),
						"id", now));
			}
			producer.publish(new GroupActivatedEvent(groupId, "62.71", 3, now));
			String before = create(groupId);
			String after = create(groupId);
			await().atMost(TIMEOUT).until(() -> recipients(before) == 3);
			approve(before);
			await().atMost(TIMEOUT).until(() -> dispatchesOf(before).size() == 3);
			assertThat(documentsHolding(erased, Dispatch.COLLECTION)).as("a dispatch never keeps the number").isEmpty();
			assertThat(documentsHolding(erased, Recipient.COLLECTION)).hasSize(1);
			assertThat(documentsHolding(erasedHash, Dispatch.COLLECTION)).hasSize(1);

			// a dispatch an earlier version stored with its request still waiting in the
			// outbox (the number inside): the erasure drops the request before the relay
			// publishes it
			String legacyId = UUID.randomUUID().toString();
			this.relay.stop();
			try {
				this.mongo.getCollection(Dispatch.COLLECTION).insertOne(legacyDispatch(legacyId, erased, erasedHash));
				producer.publish(new PersonErasedEvent(erasedHash, Instant.now()));
				await().atMost(TIMEOUT)
					.until(() -> documentsHolding(erasedHash, Dispatch.COLLECTION).isEmpty()
							&& documentsHolding(erasedHash, Recipient.COLLECTION).isEmpty());
				for (String collection : List.of(Dispatch.COLLECTION, Recipient.COLLECTION)) {
					assertThat(documentsHolding(erased, collection)).as(collection).isEmpty();
					assertThat(documentsHolding(nationalNumber(erased), collection)).as(collection).isEmpty();
				}
				assertThat(this.mongo.getCollection(Dispatch.COLLECTION)
					.find(new Document("_id", legacyId))
					.first()
					.getString("status")).isEqualTo("SUPPRESSED");
			}
			finally {
				this.relay.start();
			}
			assertThat(statusesOf(before)).containsExactlyInAnyOrder("QUEUED", "QUEUED", "QUEUED");
			assertThat(recipients(after)).isEqualTo(2);

			// a broadcast approved after the erasure does not reach the person
			approve(after);
			await().atMost(TIMEOUT).until(() -> dispatchesOf(after).size() == 2);
			await().atMost(TIMEOUT)
				.until(() -> requests.poll().stream().filter((r) -> TopicReader.value(r).contains(after)).count() == 2);
			this.relay.publishPending();
			assertThat(requests.poll())
				.noneMatch((r) -> (TopicReader.value(r).contains(after) || TopicReader.value(r).contains(legacyId))
						&& TopicReader.value(r).contains(nationalNumber(erased)));
			for (String other : phones.subList(1, 3)) {
				assertThat(documentsHolding(this.pseudonyms.of(other), Dispatch.COLLECTION)).hasSize(2);
			}
		}
	}

	/**
	 * A dispatch as versions before the direct fan-out stored it: its request in the
	 * outbox.
	 */
	private Document legacyDispatch(String id, String phone, String phoneHash) {
		String request = "{\"notificationId\":\"" + id + "\",\"sourceType\":\"BROADCAST\",\"sourceId\":\"legacy-" + id
				+ "\",\"kabupaten\":\"62.71\",\"memberId\":\"m-legacy\",\"phone\":\"" + phone
				+ "\",\"channel\":\"SMS\",\"text\":\"Posyandu\",\"priority\":\"NORMAL\",\"requestedAt\":\"2026-11-30T08:00:00Z\"}";
		Date now = new Date();
		return new Document("_id", id).append("broadcastId", "legacy-" + id)
			.append("memberId", "m-legacy")
			.append("phoneHash", phoneHash)
			.append("channel", "SMS")
			.append("kabupaten", "62.71")
			.append("status", "QUEUED")
			.append("version", 1L)
			.append("pendingEvents",
					List.of(new Document("id", UUID.randomUUID().toString())
						.append("type", "kim.notification.notification-requested.v1")
						.append("topic", Topics.NOTIFICATION_REQUESTS)
						.append("key", id)
						.append("kabupaten", "62.71")
						.append("time", now)
						.append("data", request)))
			.append(OutboxRelay.PENDING_SINCE, now);
	}

	private List<Document> documentsHolding(String text, String collection) {
		return this.mongo.getCollection(collection)
			.find()
			.into(new java.util.ArrayList<>())
			.stream()
			.filter((doc) -> doc.toJson().contains(text))
			.toList();
	}

	private List<Document> dispatchesOf(String broadcastId) {
		return this.mongo.getCollection(Dispatch.COLLECTION)
			.find(new Document("broadcastId", broadcastId))
			.into(new java.util.ArrayList<>());
	}

	private List<String> statusesOf(String broadcastId) {
		return dispatchesOf(broadcastId).stream().map((doc) -> doc.getString("status")).toList();
	}

	private String create(String groupId) throws Exception {
		String body = "{\"title\":\"Posyandu\",\"message\":\"Posyandu hari Sabtu\",\"channels\":[\"WHATSAPP\",\"SMS\"],"
				+ "\"priority\":\"NORMAL\",\"target\":{\"kabupaten\":[\"62.71\"],\"groups\":[\"" + groupId + "\"]}}";
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

	private void approve(String id) throws Exception {
		this.mvc.perform(post("/api/broadcasts/{id}/submit", id).with(TestTokens.operator("operator-1")))
			.andExpect(status().isOk());
		this.mvc.perform(post("/api/broadcasts/{id}/approve", id).with(TestTokens.operator("operator-2")))
			.andExpect(status().isOk());
	}

	private int recipients(String id) throws Exception {
		return this.json
			.readTree(this.mvc.perform(get("/api/broadcasts/{id}/preview", id).with(TestTokens.operator("operator-1")))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString())
			.get("recipients")
			.asInt();
	}

	/** The number without +62, as any spelling of it contains it. */
	private static String nationalNumber(String e164) {
		return e164.substring(3);
	}

}
