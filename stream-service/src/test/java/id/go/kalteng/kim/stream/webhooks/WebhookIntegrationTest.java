package id.go.kalteng.kim.stream.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.stream.DomainEvents;
import id.go.kalteng.kim.stream.StreamIntegrationTest;
import id.go.kalteng.kim.stream.publiclog.PublicTopics;
import id.go.kalteng.kim.support.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class WebhookIntegrationTest extends StreamIntegrationTest {

	private static final String CANCELLED = "kim.activity.activity-cancelled.v1";

	private static final String JOINED = "kim.group.member-joined.v1";

	private static WebhookReceiver receiver;

	@Autowired
	WebhookDeliveries deliveries;

	@Autowired
	WebhookSubscriptions subscriptions;

	@BeforeAll
	static void startReceiver() throws Exception {
		receiver = new WebhookReceiver();
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void anEventReachesTheSubscriberSignedWithTheSecretShownOnceAndWithoutPhone() throws Exception {
		RequestPostProcessor agency = TestTokens.agency("62.03");
		JsonNode created = create(agency, receiver.url("signed"), List.of(JOINED));
		String secret = created.path("secret").asString();
		assertThat(secret).startsWith("whsec_");
		String id = created.path("id").asString();
		this.mvc.perform(get("/api/webhook-subscriptions/" + id).with(agency))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.secret").doesNotExist())
			.andExpect(jsonPath("$.status").value("ACTIVE"));
		this.mvc.perform(get("/api/webhook-subscriptions").with(agency))
			.andExpect(jsonPath("$.items[?(@.id == '" + id + "')]").exists())
			.andExpect(jsonPath("$.items[*].secret").isEmpty());
		String eventId = publish(JOINED, "62.03");
		await().atMost(TIMEOUT).until(() -> !receiver.at("signed").isEmpty());
		WebhookReceiver.Received delivery = receiver.at("signed").get(0);
		assertThat(delivery.id()).isEqualTo(eventId);
		assertThat(delivery.verifiesWith(secret)).isTrue();
		assertThat(Long.parseLong(delivery.timestamp())).isCloseTo(Instant.now().getEpochSecond(),
				org.assertj.core.data.Offset.offset(60L));
		JsonNode body = this.json.readTree(delivery.body());
		assertThat(body.path("type").asString()).isEqualTo(JOINED);
		assertThat(body.path("kabupaten").asString()).isEqualTo("62.03");
		assertThat(delivery.body()).doesNotContain("+62").doesNotContain("\"phone\"");
	}

	@Test
	void aFailingReceiverGetsTheSameEventAgainUntilItAcceptsAndTheLogShowsEachAttempt() throws Exception {
		RequestPostProcessor agency = TestTokens.agency("62.04");
		JsonNode created = create(agency, receiver.url("flaky", 500, 503), List.of(CANCELLED));
		String eventId = publish(CANCELLED, "62.04");
		await().atMost(TIMEOUT).until(() -> receiver.at("flaky").size() >= 3);
		assertThat(receiver.at("flaky")).extracting(WebhookReceiver.Received::id).containsOnly(eventId);
		assertThat(receiver.at("flaky")).allMatch((request) -> request.verifiesWith(created.path("secret").asString()));
		String id = created.path("id").asString();
		await().atMost(TIMEOUT)
			.untilAsserted(() -> this.mvc.perform(get("/api/webhook-subscriptions/" + id + "/deliveries").with(agency))
				.andExpect(jsonPath("$.items.length()").value(3))
				.andExpect(jsonPath("$.items[0].status").value("DELIVERED"))
				.andExpect(jsonPath("$.items[1].response").value(503))
				.andExpect(jsonPath("$.items[2].response").value(500)));
	}

	@Test
	void aPoisonRecordOnThePublicLogIsDeadLetteredAndTheNextEventStillArrives() throws Exception {
		// issue #13 (./kim faults, scenario 8): a record whose body is not JSON failed
		// every batch it was in, so the feeder started over from it forever
		RequestPostProcessor agency = TestTokens.agency("62.08");
		create(agency, receiver.url("poisoned"), List.of(JOINED));
		String poison = events.publish(PublicTopics.of("62.08"), JOINED, "62.08", "{\"kimFaultsPoison\": ");
		String eventId = publish(JOINED, "62.08");
		await().atMost(TIMEOUT)
			.until(() -> receiver.at("poisoned").stream().anyMatch((delivery) -> eventId.equals(delivery.id())));
		assertThat(receiver.at("poisoned")).extracting(WebhookReceiver.Received::id).doesNotContain(poison);
		assertThat(DomainEvents.committedRecords("error." + PublicTopics.of("62.08") + ".stream-service-webhooks"))
			.anySatisfy((dead) -> assertThat(DomainEvents.header(dead, "ce_id")).isEqualTo(poison));
	}

	@Test
	void aDeliveryFailsOnceTheScheduleEnds() throws Exception {
		RequestPostProcessor agency = TestTokens.agency("62.05");
		JsonNode created = create(agency, receiver.url("down", 500, 500, 500, 500, 500, 500), List.of(CANCELLED));
		publish(CANCELLED, "62.05");
		String id = created.path("id").asString();
		// the first attempt and one per entry of the schedule (three in tests)
		await().atMost(TIMEOUT)
			.untilAsserted(() -> this.mvc.perform(get("/api/webhook-subscriptions/" + id + "/deliveries").with(agency))
				.andExpect(jsonPath("$.items[0].status").value("FAILED"))
				.andExpect(jsonPath("$.items.length()").value(4)));
		assertThat(receiver.at("down")).hasSize(4);
	}

	@Test
	void a410DisablesTheSubscriptionAndNothingMoreIsSent() throws Exception {
		RequestPostProcessor agency = TestTokens.agency("62.06");
		JsonNode created = create(agency, receiver.url("gone", 410), List.of(CANCELLED));
		String id = created.path("id").asString();
		publish(CANCELLED, "62.06");
		await().atMost(TIMEOUT)
			.untilAsserted(() -> this.mvc.perform(get("/api/webhook-subscriptions/" + id).with(agency))
				.andExpect(jsonPath("$.status").value("DISABLED")));
		String later = publish(CANCELLED, "62.06");
		// a subscription made after it sees the later event, so the disabled one would
		// have too
		JsonNode witness = create(agency, receiver.url("witness"), List.of(CANCELLED));
		String after = publish(CANCELLED, "62.06");
		await().atMost(TIMEOUT).until(() -> receiver.at("witness").stream().anyMatch((r) -> r.id().equals(after)));
		assertThat(receiver.at("gone")).hasSize(1).noneMatch((r) -> r.id().equals(later) || r.id().equals(after));
		assertThat(witness.path("id").asString()).isNotBlank();
	}

	@Test
	void aReplaySendsTheEventsSinceAGivenTimeAgainWithTheirIds() throws Exception {
		RequestPostProcessor agency = TestTokens.agency("62.09");
		JsonNode created = create(agency, receiver.url("replayed"), List.of(CANCELLED));
		String since = Instant.now().minusSeconds(1).toString();
		String first = publish(CANCELLED, "62.09");
		String second = publish(CANCELLED, "62.09");
		await().atMost(TIMEOUT).until(() -> receiver.at("replayed").size() >= 2);
		this.mvc
			.perform(
					post("/api/webhook-subscriptions/" + created.path("id").asString() + "/replay").param("from", since)
						.with(agency))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.deliveriesScheduled").value(2))
			.andExpect(jsonPath("$.complete").value(true));
		await().atMost(TIMEOUT).until(() -> receiver.at("replayed").size() >= 4);
		assertThat(receiver.at("replayed")).extracting(WebhookReceiver.Received::id)
			.containsExactlyInAnyOrder(first, second, first, second);
	}

	@Test
	void deliveriesStoredTwiceAreSentOnce() {
		WebhookSubscription subscription = new WebhookSubscription("twice-" + System.nanoTime(), "62.10",
				receiver.url("twice"), List.of(), WebhookSignatures.newSecret(), WebhookSubscription.Status.ACTIVE,
				"test", Instant.now(), null);
		this.subscriptions.save(subscription);
		List<org.bson.Document> batch = List.of(
				WebhookDeliveries.delivery(subscription.id() + "/e-1", subscription, "e-1", CANCELLED, "{}",
						Instant.now()),
				WebhookDeliveries.delivery(subscription.id() + "/e-2", subscription, "e-2", CANCELLED, "{}",
						Instant.now()));
		// a batch half stored before a crash, then handed over whole again
		this.deliveries.create(batch.subList(0, 1));
		this.deliveries.create(batch);
		await().atMost(TIMEOUT).until(() -> receiver.at("twice").size() >= 2);
		await().during(java.time.Duration.ofSeconds(2)).atMost(TIMEOUT).until(() -> receiver.at("twice").size() == 2);
		assertThat(receiver.at("twice")).extracting(WebhookReceiver.Received::id)
			.containsExactlyInAnyOrder("e-1", "e-2");
	}

	@Test
	void onlyHttpsOrLocalHttpUrlsAndKnownTypesAreAccepted() throws Exception {
		RequestPostProcessor agency = TestTokens.agency("62.71");
		for (String url : List.of("http://example.com/hook", "ftp://localhost/x", "https://user:pw@example.com/x",
				"not a url", "")) {
			this.mvc
				.perform(post("/api/webhook-subscriptions").with(agency)
					.contentType(MediaType.APPLICATION_JSON)
					.content(this.json.writeValueAsString(Map.of("url", url))))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value("url"));
		}
		this.mvc
			.perform(post("/api/webhook-subscriptions").with(agency)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"url\":\"https://agency.example/hook\",\"types\":[\"kim.nothing.v1\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("types"));
		this.mvc
			.perform(post("/api/webhook-subscriptions").with(agency)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"url\":\"https://agency.example/hook\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/webhook-subscriptions/")));
	}

	@Test
	void agenciesSeeOnlyTheirOwnAndCoordinatorsNone() throws Exception {
		JsonNode created = create(TestTokens.agency("62.12"), "https://agency-6212.example/hook", List.of());
		String id = created.path("id").asString();
		this.mvc.perform(get("/api/webhook-subscriptions/" + id).with(TestTokens.agency("62.13")))
			.andExpect(status().isNotFound());
		this.mvc.perform(delete("/api/webhook-subscriptions/" + id).with(TestTokens.agency("62.13")))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/webhook-subscriptions").with(TestTokens.agency("62.13")))
			.andExpect(jsonPath("$.items[?(@.id == '" + id + "')]").doesNotExist());
		this.mvc.perform(get("/api/webhook-subscriptions").with(TestTokens.coordinator("g-1")))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/api/webhook-subscriptions").with(TestTokens.agency("62.13"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"url\":\"https://a.example/h\",\"kabupaten\":\"62.12\"}"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/webhook-subscriptions/" + id).with(TestTokens.operator("operator-1")))
			.andExpect(status().isOk());
		this.mvc.perform(delete("/api/webhook-subscriptions/" + id).with(TestTokens.agency("62.12")))
			.andExpect(status().isNoContent());
		this.mvc.perform(get("/api/webhook-subscriptions/" + id).with(TestTokens.agency("62.12")))
			.andExpect(status().isNotFound());
	}

	private JsonNode create(RequestPostProcessor caller, String url, List<String> types) throws Exception {
		MvcResult result = this.mvc
			.perform(post("/api/webhook-subscriptions").with(caller)
				.contentType(MediaType.APPLICATION_JSON)
				.content(this.json.writeValueAsString(Map.of("url", url, "types", types))))
			.andExpect(status().isCreated())
			.andReturn();
		return this.json.readTree(result.getResponse().getContentAsString());
	}

	private String publish(String type, String kabupaten) {
		String topic = type.startsWith("kim.activity.") ? Topics.ACTIVITY_EVENTS : Topics.GROUP_EVENTS;
		return events.publish(topic, type, kabupaten, DomainEvents.example(type, kabupaten).toString());
	}

}
