package id.go.kalteng.kim.dissemination;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.dissemination.BroadcastCancelledEvent;
import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.contracts.group.GroupActivatedEvent;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.contracts.group.MemberJoinedEvent;
import id.go.kalteng.kim.contracts.notification.InboundMessageReceivedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationStatusChangedEvent;
import id.go.kalteng.kim.contracts.notification.WhatsAppTemplatesPublishedEvent;
import id.go.kalteng.kim.dissemination.dispatch.FanOutProbe;
import id.go.kalteng.kim.support.test.TestEventPublisher;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A broadcast from draft to COMPLETED on the real broker and database: targeting by two
 * kabupaten and one occupation reaches exactly the right phones once each, the statuses
 * notification-service sends back complete it, the progress stream closes on it, and a
 * reply from a recipient is kept under it.
 */
class BroadcastLifecycleIntegrationTest extends DisseminationServiceIntegrationTest {

	@Test
	void aBroadcastToTwoKabupatenAndOneOccupationReachesExactlyItsRecipientsOnceAndCompletes() throws Exception {
		Instant now = Instant.now();
		String palangka = UUID.randomUUID().toString();
		String kapuas = UUID.randomUUID().toString();
		String katingan = UUID.randomUUID().toString();
		Map<String, String> expected = new HashMap<>();
		String sharedPhone = randomPhone();
		try (TestEventPublisher producer = new TestEventPublisher(this.json);
				TopicReader requests = new TopicReader(Topics.NOTIFICATION_URGENT_REQUESTS)) {
			group(producer, palangka, "62.71", now);
			group(producer, kapuas, "62.03", now);
			group(producer, katingan, "62.06", now);
			// in each group two farmers (reached), a fisher (not); the third kabupaten
			// not
			// at all; one phone in two groups is reached once
			for (String[] group : new String[][] { { palangka, "62.71" }, { kapuas, "62.03" },
					{ katingan, "62.06" } }) {
				for (String occupation : List.of("PETANI", "PETANI", "NELAYAN")) {
					String member = UUID.randomUUID().toString();
					String phone = randomPhone();
					join(producer, group[0], group[1], member, phone, occupation, now);
					if (occupation.equals("PETANI") && !group[1].equals("62.06")) {
						expected.put(member, phone);
					}
				}
			}
			String sharedMember = UUID.randomUUID().toString();
			join(producer, palangka, "62.71", sharedMember, sharedPhone, "PETANI", now);
			join(producer, kapuas, "62.03", UUID.randomUUID().toString(), sharedPhone, "PETANI", now);
			for (String group : List.of(palangka, kapuas, katingan)) {
				producer.publish(new GroupActivatedEvent(group, groupKabupaten(group, palangka, kapuas), 3, now));
			}

			String id = create("{\"kabupaten\":[\"62.71\",\"62.03\"],\"occupation\":[\"PETANI\"]}", "URGENT", null);
			await().atMost(TIMEOUT).until(() -> preview(id).get("recipients").asInt() == expected.size() + 1);
			submitAndApprove(id);

			await().atMost(TIMEOUT).until(() -> requestsFor(requests, id).size() >= expected.size() + 1);
			await().atMost(TIMEOUT)
				.until(() -> "SENDING".equals(progress(id).get("status").asString())
						&& progress(id).get("recipients").asInt() == expected.size() + 1);
			List<JsonNode> sent = requestsFor(requests, id).stream()
				.map((r) -> this.json.readTree(TopicReader.value(r)))
				.toList();
			assertThat(sent).hasSize(expected.size() + 1);
			sent.forEach((r) -> EventSchemas.assertValid(NotificationRequestedEvent.TYPE, r.toString()));
			Map<String, String> reached = new HashMap<>();
			sent.forEach((r) -> reached.put(r.get("phone").asString(), r.get("memberId").asString()));
			assertThat(reached.keySet()).as("each phone once, exactly the targeted ones")
				.containsExactlyInAnyOrderElementsOf(concat(new ArrayList<>(expected.values()), List.of(sharedPhone)));
			assertThat(reached.get(sharedPhone)).as("the first of its memberships").isNotNull();
			assertThat(progress(id).hasNonNull("completedAt")).isFalse();
			// a live stream: the counts at once, then each change, until COMPLETED
			MvcResult live = this.mvc
				.perform(get("/api/broadcasts/{id}/progress", id).with(OPERATOR_1).accept(MediaType.TEXT_EVENT_STREAM))
				.andExpect(request().asyncStarted())
				.andReturn();
			assertThat(live.getResponse().getContentAsString()).startsWith("event:progress")
				.contains("\"status\":\"SENDING\"")
				.contains("\"queued\":" + sent.size());

			// the sandbox gives no delivery reports: a SENT that is the message's last;
			// one phone's WhatsApp failed and went on by SMS (counted once, by its
			// fallback)
			List<NotificationStatusChangedEvent> statuses = new ArrayList<>();
			JsonNode first = sent.get(0);
			for (JsonNode request : sent.subList(1, sent.size())) {
				statuses.add(statusOf(request, "SENT", true, null, null));
			}
			String fallback = UUID.randomUUID().toString();
			statuses.add(statusOf(first, "FAILED", true, null, fallback));
			for (NotificationStatusChangedEvent status : statuses) {
				producer.publish(status);
			}
			await().atMost(TIMEOUT).until(() -> progress(id).get("sent").asInt() == sent.size() - 1);
			assertThat(progress(id).get("status").asString()).as("one message is still on its way")
				.isEqualTo("SENDING");
			producer.publish(new NotificationStatusChangedEvent(fallback, "BROADCAST", id,
					first.get("kabupaten").asString(), "SMS", "DELIVERED", "SENT", null, Instant.now(),
					first.get("notificationId").asString(), null, true));
			await().atMost(TIMEOUT).until(() -> "COMPLETED".equals(progress(id).get("status").asString()));
			await().atMost(TIMEOUT)
				.until(() -> live.getResponse().getContentAsString().contains("\"status\":\"COMPLETED\""));
			this.mvc.perform(asyncDispatch(live)).andExpect(status().isOk());
			String liveEvents = live.getResponse().getContentAsString();
			assertThat(liveEvents).as("the counts before, a change between, the end last")
				.contains("\"sent\":" + (sent.size() - 1) + ",");
			assertThat(liveEvents.substring(liveEvents.lastIndexOf("event:progress")))
				.contains("\"status\":\"COMPLETED\"");
			assertThat(liveEvents.split("event:progress", -1).length).isGreaterThanOrEqualTo(3);
			JsonNode progress = progress(id);
			assertThat(progress.get("recipients").asInt()).isEqualTo(sent.size());
			assertThat(progress.get("queued").asInt()).isZero();
			assertThat(progress.get("delivered").asInt()).isEqualTo(1);
			assertThat(progress.get("failed").asInt()).isZero();
			assertThat(progress.get("cancelled").asInt()).isZero();
			assertThat(progress.get("expired").asInt()).isZero();
			assertThat(progress.get("completedAt").asString()).endsWith("+07:00");

			// a completed broadcast's stream: the final counts and the close at once
			MvcResult stream = this.mvc
				.perform(get("/api/broadcasts/{id}/progress", id).with(OPERATOR_1).accept(MediaType.TEXT_EVENT_STREAM))
				.andExpect(request().asyncStarted())
				.andReturn();
			this.mvc.perform(asyncDispatch(stream)).andExpect(status().isOk());
			String events = stream.getResponse().getContentAsString();
			assertThat(events).startsWith("event:progress").contains("\"status\":\"COMPLETED\"");
			assertThat(events.split("event:progress", -1)).hasSize(2);

			// a reply from a recipient is kept under the broadcast it received, sender
			// masked
			String phoneHash = this.pseudonyms.of(sharedPhone);
			producer.publish(new InboundMessageReceivedEvent("in-" + UUID.randomUUID(), phoneHash, "SMS",
					"Air sudah masuk rumah di RT 03", "62.71", Instant.now()));
			await().atMost(TIMEOUT).until(() -> replies(id).size() == 1);
			// the same reply again (a redelivery) is kept once
			InboundMessageReceivedEvent reply1 = new InboundMessageReceivedEvent("in-again-" + id, phoneHash, "SMS",
					"Sudah surut", "62.71", Instant.now());
			producer.publish(reply1);
			producer.publish(reply1);
			await().atMost(TIMEOUT).until(() -> replies(id).size() == 2);
			await().during(Duration.ofSeconds(2)).atMost(TIMEOUT).until(() -> replies(id).size() == 2);
			JsonNode reply = replies(id).get(0);
			assertThat(reply.get("text").asString()).isEqualTo("Air sudah masuk rumah di RT 03");
			assertThat(reply.get("sender").asString()).isEqualTo("#" + phoneHash.substring(0, 8))
				.doesNotContain(sharedPhone.substring(3));
			assertThat(reply.get("followedUp").asBoolean()).isFalse();
			this.mvc
				.perform(post("/api/aspirations/{id}/follow-up", reply.get("id").asString()).with(OPERATOR_2)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"note\":\"BPBD dihubungi\"}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.followedUp").value(true))
				.andExpect(jsonPath("$.followedUpBy").value("operator-2"));
			JsonNode listed = getJson("/api/aspirations?kabupaten=62.71&from="
					+ Instant.now().minusSeconds(3600).toString() + "&to=" + Instant.now().plusSeconds(60));
			assertThat(listed.get("items").findValuesAsString("broadcastId")).contains(id);
			assertThat(getJson("/api/aspirations?kabupaten=62.06").get("items").findValuesAsString("broadcastId"))
				.doesNotContain(id);
		}
	}

	@Test
	void aCancelMidFanOutLeavesTheRestUnrequestedAndCountsThemCancelled() throws Exception {
		int members = 1_700;
		String groupId = StoredRecipients.activeGroup(this.mongo, this.pseudonyms, "62.13", members, "PEDAGANG");
		try (TestEventPublisher producer = new TestEventPublisher(this.json);
				TopicReader requests = new TopicReader(Topics.NOTIFICATION_URGENT_REQUESTS);
				TopicReader broadcastEvents = new TopicReader(Topics.DISSEMINATION_EVENTS)) {
			String id = create("{\"groups\":[\"" + groupId + "\"]}", "URGENT", null);

			AtomicReference<Exception> failed = new AtomicReference<>();
			this.fanOut.afterBatch((broadcast, requested) -> {
				if (broadcast.equals(id) && requested == 500) {
					try {
						this.mvc.perform(post("/api/broadcasts/{id}/cancel", id).with(OPERATOR_2))
							.andExpect(status().isOk())
							.andExpect(jsonPath("$.status").value("CANCELLED"))
							.andExpect(jsonPath("$.cancelledBy").value("operator-2"));
					}
					catch (Exception ex) {
						failed.set(ex);
					}
				}
			});
			try {
				submitAndApprove(id);
				await().atMost(TIMEOUT.multipliedBy(2))
					.until(() -> progress(id).get("cancelled").asInt() == members - 500);
			}
			finally {
				this.fanOut.afterBatch((broadcast, requested) -> {
				});
			}
			assertThat(failed.get()).isNull();
			JsonNode progress = progress(id);
			assertThat(progress.get("status").asString()).isEqualTo("CANCELLED");
			assertThat(progress.get("recipients").asInt()).isEqualTo(members);
			assertThat(progress.get("queued").asInt()).as("the first batch, handed over before the cancel")
				.isEqualTo(500);
			// the fan-out has finished (it counted the rest): every request it sent is
			// out
			await().atMost(TIMEOUT).until(() -> requestsFor(requests, id).size() >= 500);
			assertThat(requestsFor(requests, id)).hasSize(500);
			assertThat(this.mongo.getCollection("dispatches").countDocuments(new Document("broadcastId", id)))
				.isEqualTo(500);
			List<ConsumerRecord<String, byte[]>> cancelled = await().atMost(TIMEOUT)
				.until(() -> broadcastEvents.forSubject(id)
					.stream()
					.filter((r) -> BroadcastCancelledEvent.TYPE.equals(TopicReader.header(r, "ce_type")))
					.toList(), (list) -> !list.isEmpty());
			EventSchemas.assertValid(BroadcastCancelledEvent.TYPE, TopicReader.value(cancelled.get(0)));

			// notification-service stops the 500 not yet handed to a provider
			for (ConsumerRecord<String, byte[]> record : requestsFor(requests, id)) {
				JsonNode request = this.json.readTree(TopicReader.value(record));
				producer.publish(statusOf(request, "CANCELLED", null, null, null));
			}
			await().atMost(TIMEOUT).until(() -> progress(id).get("cancelled").asInt() == members);
			assertThat(progress(id).get("queued").asInt()).isZero();
			assertThat(progress(id).get("status").asString()).isEqualTo("CANCELLED");
			// a cancelled broadcast cannot be cancelled again
			this.mvc.perform(post("/api/broadcasts/{id}/cancel", id).with(OPERATOR_1)).andExpect(status().isConflict());
		}
	}

	@Test
	void aWhatsAppTemplateIsCheckedAgainstTheLatestListAndTheAnswerShowsTheSmsEncoding() throws Exception {
		String body = "{\"title\":\"Info\",\"message\":\"Banjir 🌊 di Kahayan\",\"channels\":[\"WHATSAPP\"],"
				+ "\"priority\":\"NORMAL\",\"target\":{\"kabupaten\":[\"62.71\"]},"
				+ "\"whatsappTemplate\":{\"name\":\"kim_peringatan\",\"language\":\"id\",\"variables\":[\"a\",\"b\"]}}";
		try (TestEventPublisher producer = new TestEventPublisher(this.json)) {
			producer.publish(new WhatsAppTemplatesPublishedEvent(List.of(
					new WhatsAppTemplatesPublishedEvent.Template("kim_peringatan", "id", "UTILITY", 2,
							"Peringatan {{1}} di {{2}}"),
					new WhatsAppTemplatesPublishedEvent.Template("kim_informasi", "id", "UTILITY", 1,
							"Informasi: {{1}}")),
					Instant.now()));
			await().atMost(TIMEOUT).until(() -> this.mongo.getCollection("whatsapp_templates").countDocuments() == 1);
		}
		this.mvc.perform(post("/api/broadcasts").with(OPERATOR_1).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.whatsappTemplate.verified").value(true))
			.andExpect(jsonPath("$.sms.encoding").value("UCS_2"))
			.andExpect(jsonPath("$.sms.segments").value(1))
			.andExpect(jsonPath("$.sms.characters").value(20));
		long before = this.mongo.getCollection("broadcasts").countDocuments();
		this.mvc
			.perform(post("/api/broadcasts").with(OPERATOR_1)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body.replace("kim_peringatan", "kim_tidak_ada")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("whatsappTemplate.name"));
		this.mvc
			.perform(post("/api/broadcasts").with(OPERATOR_1)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body.replace("\"language\":\"id\"", "\"language\":\"en\"")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("whatsappTemplate.language"));
		this.mvc
			.perform(post("/api/broadcasts").with(OPERATOR_1)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body.replace("[\"a\",\"b\"]", "[\"a\"]")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("whatsappTemplate.variables"));
		assertThat(this.mongo.getCollection("broadcasts").countDocuments()).as("nothing stored").isEqualTo(before);

		// a draft gets its template by an edit too (the console saves the draft before
		// one is
		// picked), checked the same way
		String draft = this.mvc
			.perform(post("/api/broadcasts").with(OPERATOR_1)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body.replaceAll(",\"whatsappTemplate\":\\{.*\\}\\}$", "}")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.whatsappTemplate").doesNotExist())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String draftId = this.json.readTree(draft).get("id").asString();
		String etag = this.mvc.perform(get("/api/broadcasts/{id}", draftId).with(OPERATOR_1))
			.andReturn()
			.getResponse()
			.getHeader("ETag");
		this.mvc
			.perform(patch("/api/broadcasts/{id}", draftId).with(OPERATOR_1)
				.header("If-Match", etag)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"whatsappTemplate\":{\"name\":\"kim_tidak_ada\",\"language\":\"id\",\"variables\":[]}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("whatsappTemplate.name"));
		this.mvc
			.perform(patch("/api/broadcasts/{id}", draftId).with(OPERATOR_1)
				.header("If-Match", etag)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"whatsappTemplate\":{\"name\":\"kim_informasi\",\"language\":\"id\","
						+ "\"variables\":[\"banjir\"]}}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.whatsappTemplate.name").value("kim_informasi"))
			.andExpect(jsonPath("$.whatsappTemplate.variables[0]").value("banjir"))
			.andExpect(jsonPath("$.whatsappTemplate.verified").value(true));
		assertThat(getJson("/api/broadcasts/" + draftId).get("whatsappTemplate").get("name").asString())
			.isEqualTo("kim_informasi");
	}

	@Test
	void aScheduleIsShownInWibAndBadTimesAreRefused() throws Exception {
		String at = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0).toString();
		String id = create("{\"kabupaten\":[\"62.71\"]}", "NORMAL", "\"scheduledAt\":\"" + at + "\"");
		JsonNode view = getJson("/api/broadcasts/" + id);
		assertThat(view.get("scheduledAt").asString()).endsWith("+07:00");
		assertThat(OffsetDateTime.parse(view.get("scheduledAt").asString()).toInstant())
			.isEqualTo(OffsetDateTime.parse(at).toInstant());
		submitAndApprove(id);
		assertThat(getJson("/api/broadcasts/" + id).get("status").asString()).isEqualTo("SCHEDULED");
		this.mvc.perform(post("/api/broadcasts/{id}/cancel", id).with(OPERATOR_1)).andExpect(status().isOk());

		this.mvc
			.perform(post("/api/broadcasts").with(OPERATOR_1)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"x\",\"message\":\"y\",\"channels\":[\"SMS\"],\"priority\":\"NORMAL\","
						+ "\"scheduledAt\":\"2020-01-01T07:00:00+07:00\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("scheduledAt"));
		this.mvc
			.perform(post("/api/broadcasts").with(OPERATOR_1)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"x\",\"message\":\"y\",\"channels\":[\"SMS\"],\"priority\":\"NORMAL\","
						+ "\"scheduledAt\":\"" + at + "\",\"expiresAt\":\"" + at + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("expiresAt"));
	}

	@Autowired
	FanOutProbe fanOut;

	private NotificationStatusChangedEvent statusOf(JsonNode request, String status, Boolean terminal,
			String fallbackOf, String fallbackNotificationId) {
		return new NotificationStatusChangedEvent(request.get("notificationId").asString(), "BROADCAST",
				request.get("sourceId").asString(), request.get("kabupaten").asString(),
				request.get("channel").asString(), status, "QUEUED", null, Instant.now(), fallbackOf,
				fallbackNotificationId, terminal);
	}

	private static List<String> concat(List<String> a, List<String> b) {
		a.addAll(b);
		return a;
	}

	private static String groupKabupaten(String group, String palangka, String kapuas) {
		return group.equals(palangka) ? "62.71" : group.equals(kapuas) ? "62.03" : "62.06";
	}

	private static void group(TestEventPublisher producer, String groupId, String kabupaten, Instant now) {
		producer.publish(new GroupRegisteredEvent(groupId, "KIM " + kabupaten, kabupaten, "Kecamatan", "Desa",
				"PERDESAAN", "FORMING", now));
	}

	private static void join(TestEventPublisher producer, String groupId, String kabupaten, String member, String phone,
			String occupation, Instant now) {
		producer.publish(new MemberJoinedEvent(groupId, member, kabupaten, "PERDESAAN", "FORMING", phone, "PRIA",
				"DEWASA", occupation, "ANGGOTA", false, new ChannelConsent(true, true), "id", now));
	}

	private void submitAndApprove(String id) throws Exception {
		this.mvc.perform(post("/api/broadcasts/{id}/submit", id).with(OPERATOR_1)).andExpect(status().isOk());
		this.mvc.perform(post("/api/broadcasts/{id}/approve", id).with(OPERATOR_2)).andExpect(status().isOk());
	}

	private List<ConsumerRecord<String, byte[]>> requestsFor(TopicReader reader, String broadcastId) {
		return reader.poll()
			.stream()
			.filter((r) -> TopicReader.value(r).contains("\"sourceId\":\"" + broadcastId + "\""))
			.toList();
	}

	private String create(String target, String priority, String extra) throws Exception {
		String body = "{\"title\":\"Waspada banjir\",\"message\":\"Sungai Kahayan naik, siapkan evakuasi\","
				+ "\"channels\":[\"SMS\"],\"priority\":\"" + priority + "\",\"target\":" + target
				+ ((extra != null) ? "," + extra : "") + "}";
		String response = this.mvc
			.perform(post("/api/broadcasts").with(OPERATOR_1).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return this.json.readTree(response).get("id").asString();
	}

	private List<JsonNode> replies(String id) throws Exception {
		List<JsonNode> replies = new ArrayList<>();
		JsonNode page = getJson("/api/broadcasts/" + id + "/replies?page=0&size=50");
		assertThat(page.get("total").asInt()).isEqualTo(page.get("items").size());
		page.get("items").forEach(replies::add);
		return replies;
	}

}
