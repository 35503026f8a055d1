package id.go.kalteng.kim.dissemination;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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
			String published = create(groupId);
			String unpublished = create(groupId);
			await().atMost(TIMEOUT).until(() -> recipients(published) == 3);

			// the relay publishes only when told, so that one broadcast's requests can
			// wait
			this.relay.stop();
			try {
				approve(published);
				this.relay.publishPending();
				await().atMost(TIMEOUT).until(() -> dispatchesOf(published).size() == 3);
				this.relay.publishPending();
				approve(unpublished);
				this.relay.publishPending();
				await().atMost(TIMEOUT).until(() -> dispatchesOf(unpublished).size() == 3);
				assertThat(documentsHolding(erased, Dispatch.COLLECTION)).as("a request waits with the number")
					.hasSize(1);
				assertThat(documentsHolding(erased, Recipient.COLLECTION)).hasSize(1);
				assertThat(documentsHolding(erasedHash, Dispatch.COLLECTION)).hasSize(2);

				producer.publish(new PersonErasedEvent(erasedHash, Instant.now()));
				await().atMost(TIMEOUT)
					.until(() -> documentsHolding(erasedHash, Dispatch.COLLECTION).isEmpty()
							&& documentsHolding(erasedHash, Recipient.COLLECTION).isEmpty());
				for (String collection : List.of(Dispatch.COLLECTION, Recipient.COLLECTION)) {
					assertThat(documentsHolding(erased, collection)).as(collection).isEmpty();
					assertThat(documentsHolding(nationalNumber(erased), collection)).as(collection).isEmpty();
				}
				assertThat(statusesOf(published)).containsExactlyInAnyOrder("QUEUED", "QUEUED", "QUEUED");
				assertThat(statusesOf(unpublished)).containsExactlyInAnyOrder("QUEUED", "QUEUED", "SUPPRESSED");
				for (String other : phones.subList(1, 3)) {
					assertThat(documentsHolding(other, Dispatch.COLLECTION)).as("others' requests still wait")
						.hasSize(1);
					assertThat(documentsHolding(this.pseudonyms.of(other), Dispatch.COLLECTION)).hasSize(2);
				}
				assertThat(recipients(published)).isEqualTo(2);
			}
			finally {
				this.relay.start();
			}
			await().atMost(TIMEOUT)
				.until(() -> requests.poll()
					.stream()
					.filter((r) -> TopicReader.value(r).contains(unpublished))
					.count() == 2);
			assertThat(requests.poll()).noneMatch((r) -> TopicReader.value(r).contains(unpublished)
					&& TopicReader.value(r).contains(nationalNumber(erased)));
		}
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

	private static String randomPhone() {
		return "+62813" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}

}
