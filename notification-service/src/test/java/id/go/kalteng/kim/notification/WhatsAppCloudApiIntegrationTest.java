package id.go.kalteng.kim.notification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.notification.InboundMessageReceivedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationStatusChangedEvent;
import id.go.kalteng.kim.notification.delivery.QueuedNotifications;
import id.go.kalteng.kim.notification.delivery.WebhookSignatures;
import id.go.kalteng.kim.notification.optout.ReplyConfirmations;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static id.go.kalteng.kim.notification.NotificationFixtures.randomPhone;
import static id.go.kalteng.kim.notification.NotificationFixtures.request;
import static id.go.kalteng.kim.notification.NotificationFixtures.sandboxMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * WhatsApp over real HTTP: the service with {@code KIM_WHATSAPP_PROVIDER=cloud-api}
 * pointed at a local stub (WireMock) that answers as Meta's Graph API documents (the
 * message id is {@code wamid.} + the notification id it was given), SMS in the sandbox.
 * Requests are published as dissemination-service publishes a broadcast with channels
 * {@code [WHATSAPP, SMS]}: WhatsApp, with SMS as the fallback the member consented to.
 */
@TestPropertySource(properties = { "kim.notification.whatsapp.provider=cloud-api",
		"kim.notification.whatsapp.phone-number-id=1098765432", "kim.notification.whatsapp.token=test-token",
		"kim.notification.whatsapp.app-secret=" + WhatsAppCloudApiIntegrationTest.APP_SECRET,
		"kim.notification.whatsapp.verify-token=verify-me", "kim.notification.whatsapp.default-template=kim_pesan",
		"kim.notification.http.read-timeout=5s", "kim.notification.delivery.lease=10s",
		"kim.notification.http.throttled-wait=200ms" })
class WhatsAppCloudApiIntegrationTest extends NotificationIntegrationTest {

	static final String APP_SECRET = "test-app-secret-of-meta";

	private static final String MESSAGES = "/v21.0/1098765432/messages";

	private static final WireMockServer meta = startMeta();

	private static WireMockServer startMeta() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		server.stubFor(post(urlEqualTo(MESSAGES)).atPriority(10)
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":"
						+ "\"wamid.{{jsonPath request.body '$.biz_opaque_callback_data'}}\"}]}")
				.withTransformers("response-template")));
		return server;
	}

	@DynamicPropertySource
	static void metaUrl(DynamicPropertyRegistry registry) {
		registry.add("kim.notification.whatsapp.base-url", () -> meta.baseUrl() + "/v21.0");
	}

	@AfterAll
	static void stopMeta() {
		meta.stop();
	}

	private static String digits(String phone) {
		return phone.substring(1);
	}

	private static void whatsAppAnswers(String phone, int status, String body) {
		meta.stubFor(post(urlEqualTo(MESSAGES)).atPriority(1)
			.withRequestBody(matchingJsonPath("$.to", equalTo(digits(phone))))
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

	private static String error(int code) {
		return "{\"error\":{\"message\":\"error " + code + "\",\"type\":\"OAuthException\",\"code\":" + code
				+ ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"d\"},\"fbtrace_id\":\"x\"}}";
	}

	private static int whatsAppRequestsTo(String phone) {
		return meta
			.findAll(postRequestedFor(urlEqualTo(MESSAGES))
				.withRequestBody(matchingJsonPath("$.to", equalTo(digits(phone)))))
			.size();
	}

	/** A broadcast's request on WhatsApp with SMS as the consented fallback. */
	private static NotificationRequestedEvent whatsAppOrSms(String broadcastId, String phone) {
		NotificationRequestedEvent r = request(phone, "WHATSAPP", "NORMAL", "62.71", broadcastId, Instant.now());
		return new NotificationRequestedEvent(r.notificationId(), r.sourceType(), r.sourceId(), r.kabupaten(),
				r.memberId(), r.phone(), r.channel(), r.text(), r.priority(), r.requestedAt(), null, List.of("SMS"));
	}

	private Notification notification(String id) {
		return this.store.findById(id, Notification.class).orElseThrow();
	}

	private Optional<Notification> find(String id) {
		return this.store.findById(id, Notification.class);
	}

	private static MockHttpServletRequestBuilder webhook(String body, String signature) {
		MockHttpServletRequestBuilder request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.post("/webhooks/whatsapp")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body.getBytes(StandardCharsets.UTF_8));
		return (signature != null) ? request.header("X-Hub-Signature-256", signature) : request;
	}

	private static MockHttpServletRequestBuilder signed(String body) {
		return webhook(body, WebhookSignatures.signBody(APP_SECRET, body.getBytes(StandardCharsets.UTF_8)));
	}

	private static String statusCall(String messageId, String status, String errors) {
		return """
				{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
				 "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"6281100000000",
				 "phone_number_id":"1098765432"},"statuses":[{"id":"%s","status":"%s","timestamp":"%d",
				 "recipient_id":"6281234567890"%s}]}}]}]}
				""".formatted(messageId, status, Instant.now().getEpochSecond(),
				(errors != null) ? ",\"errors\":[" + errors + "]" : "");
	}

	private static String messageCall(String phone, String text) {
		return """
				{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
				 "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"6281100000000",
				 "phone_number_id":"1098765432"},"contacts":[{"profile":{"name":"Warga"},"wa_id":"%s"}],
				 "messages":[{"from":"%s","id":"wamid.in-%s","timestamp":"%d","type":"text","text":{"body":"%s"}}]}}]}]}
				""".formatted(digits(phone), digits(phone), UUID.randomUUID(), Instant.now().getEpochSecond(), text);
	}

	private NotificationRequestedEvent sentOnWhatsApp(String phone) {
		NotificationRequestedEvent request = whatsAppOrSms(UUID.randomUUID().toString(), phone);
		publisher.publish(request);
		await().atMost(TIMEOUT)
			.until(() -> find(request.notificationId()).map(Notification::getStatus)
				.filter((s) -> s == NotificationStatus.SENT)
				.isPresent());
		return request;
	}

	@Test
	void aBroadcastOnWhatsAppOrSmsReachesEveryMemberOnceAndTheOneNotOnWhatsAppBySms() throws Exception {
		String broadcastId = UUID.randomUUID().toString();
		String notOnWhatsApp = randomPhone();
		whatsAppAnswers(notOnWhatsApp, 400, error(131026));
		List<String> members = new ArrayList<>(List.of(randomPhone(), randomPhone(), notOnWhatsApp, randomPhone()));
		List<NotificationRequestedEvent> requests = members.stream().map((p) -> whatsAppOrSms(broadcastId, p)).toList();
		requests.forEach(publisher::publish);

		NotificationRequestedEvent failing = requests.get(2);
		String fallbackId = Notification.fallbackIdOf(failing.notificationId(), Channel.SMS);
		await().atMost(TIMEOUT)
			.until(() -> find(fallbackId).map(Notification::getStatus)
				.filter((s) -> s == NotificationStatus.SENT)
				.isPresent());
		await().atMost(TIMEOUT)
			.until(() -> requests.stream()
				.filter((r) -> r != failing)
				.allMatch((r) -> notification(r.notificationId()).getStatus() == NotificationStatus.SENT));
		// a redelivery of the whole broadcast changes and sends nothing
		requests.forEach(publisher::publish);

		Notification first = notification(failing.notificationId());
		assertThat(first.getStatus()).isEqualTo(NotificationStatus.FAILED);
		assertThat(first.getReason()).isEqualTo("whatsapp-undeliverable");
		assertThat(first.getFallbackNotificationId()).isEqualTo(fallbackId);
		Notification fallback = notification(fallbackId);
		assertThat(fallback.getChannel()).isEqualTo(Channel.SMS);
		assertThat(fallback.getFallbackOf()).isEqualTo(failing.notificationId());
		assertThat(fallback.getSourceId()).isEqualTo(broadcastId);

		// the statuses say the person is counted once: by the fallback, linked to the
		// first
		List<JsonNode> firstEvents = await().atMost(TIMEOUT)
			.until(() -> statusEvents(failing.notificationId()), (e) -> e.size() == 2);
		assertThat(firstEvents.get(1).path("status").asString()).isEqualTo("FAILED");
		assertThat(firstEvents.get(1).path("fallbackNotificationId").asString()).isEqualTo(fallbackId);
		List<JsonNode> fallbackEvents = await().atMost(TIMEOUT)
			.until(() -> statusEvents(fallbackId), (e) -> e.size() == 2);
		assertThat(fallbackEvents).extracting((e) -> e.path("status").asString()).containsExactly("QUEUED", "SENT");
		assertThat(fallbackEvents)
			.allSatisfy((e) -> assertThat(e.path("fallbackOf").asString()).isEqualTo(failing.notificationId()));

		// exactly once each, and still so a while after the redelivery
		await().during(Duration.ofSeconds(2)).atMost(TIMEOUT).untilAsserted(() -> {
			for (String phone : members) {
				assertThat(whatsAppRequestsTo(phone)).as("WhatsApp sends to " + phone).isEqualTo(1);
				int sms = sandboxMessages(this.mvc, this.json, phone, OPERATOR).path("total").asInt();
				assertThat(sms).as("SMS to " + phone).isEqualTo(phone.equals(notOnWhatsApp) ? 1 : 0);
			}
		});
		assertThat(sandboxMessages(this.mvc, this.json, notOnWhatsApp, OPERATOR).path("items")
			.get(0)
			.path("text")
			.asString()).isEqualTo(failing.text());
	}

	private List<JsonNode> statusEvents(String notificationId) {
		List<JsonNode> found = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : events.forSubject(notificationId)) {
			if (NotificationStatusChangedEvent.TYPE.equals(TopicReader.header(record, "ce_type"))) {
				EventSchemas.assertValid(NotificationStatusChangedEvent.TYPE, TopicReader.value(record));
				found.add(this.json.readTree(TopicReader.value(record)));
			}
		}
		return found;
	}

	@Test
	void aSignedStatusMovesTheNotificationForwardAnUnsignedOneChangesNothingAndALateSentNothingEither()
			throws Exception {
		NotificationRequestedEvent request = sentOnWhatsApp(randomPhone());
		String wamid = "wamid." + request.notificationId();
		String delivered = statusCall(wamid, "delivered", null);

		this.mvc.perform(webhook(delivered, null)).andExpect(status().isUnauthorized());
		this.mvc.perform(webhook(delivered, "sha256=" + "0".repeat(64))).andExpect(status().isUnauthorized());
		this.mvc.perform(webhook(delivered, WebhookSignatures.signBody("another-secret", delivered.getBytes())))
			.andExpect(status().isUnauthorized());
		assertThat(notification(request.notificationId()).getStatus()).isEqualTo(NotificationStatus.SENT);

		this.mvc.perform(signed(delivered)).andExpect(status().isOk());
		assertThat(notification(request.notificationId()).getStatus()).isEqualTo(NotificationStatus.DELIVERED);

		long version = notification(request.notificationId()).getVersion();
		this.mvc.perform(signed(statusCall(wamid, "sent", null))).andExpect(status().isOk());
		this.mvc.perform(signed(delivered)).andExpect(status().isOk());
		assertThat(notification(request.notificationId()).getStatus()).isEqualTo(NotificationStatus.DELIVERED);
		assertThat(notification(request.notificationId()).getVersion()).isEqualTo(version);

		this.mvc.perform(signed(statusCall(wamid, "read", null))).andExpect(status().isOk());
		assertThat(notification(request.notificationId()).getStatus()).isEqualTo(NotificationStatus.READ);
		this.mvc.perform(signed(statusCall(wamid, "failed", "{\"code\":131026,\"title\":\"Message undeliverable\"}")))
			.andExpect(status().isOk());
		assertThat(notification(request.notificationId()).getStatus()).isEqualTo(NotificationStatus.READ);
		assertThat(find(Notification.fallbackIdOf(request.notificationId(), Channel.SMS))).isEmpty();
	}

	@Test
	void aCallWhoseStatusesNameAnUnknownAndAKnownMessageAppliesTheKnownOne() throws Exception {
		NotificationRequestedEvent request = sentOnWhatsApp(randomPhone());
		String call = """
				{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
				 "messaging_product":"whatsapp","statuses":[
				  {"id":"wamid.never-sent-by-us","status":"delivered","timestamp":"1","recipient_id":"6281200000000"},
				  {"id":"wamid.%s","status":"delivered","timestamp":"1","recipient_id":"6281200000001"}]}}]}]}
				""".formatted(request.notificationId());

		this.mvc.perform(signed(call))
			.andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.unknown-message")
				.value(1))
			.andExpect(
					org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath("$.applied").value(1));

		assertThat(notification(request.notificationId()).getStatus()).isEqualTo(NotificationStatus.DELIVERED);
	}

	@Test
	void aFailedStatusWith131026FallsBackToSmsOnceHoweverOftenItComes() throws Exception {
		String phone = randomPhone();
		NotificationRequestedEvent request = sentOnWhatsApp(phone);
		String failed = statusCall("wamid." + request.notificationId(), "failed",
				"{\"code\":131026,\"title\":\"Message undeliverable\"}");

		this.mvc.perform(signed(failed)).andExpect(status().isOk());
		this.mvc.perform(signed(failed)).andExpect(status().isOk());

		String fallbackId = Notification.fallbackIdOf(request.notificationId(), Channel.SMS);
		await().atMost(TIMEOUT)
			.until(() -> find(fallbackId).map(Notification::getStatus)
				.filter((s) -> s == NotificationStatus.SENT)
				.isPresent());
		assertThat(notification(request.notificationId()).getStatus()).isEqualTo(NotificationStatus.FAILED);
		assertThat(sandboxMessages(this.mvc, this.json, phone, OPERATOR).path("total").asInt()).isEqualTo(1);
		assertThat(whatsAppRequestsTo(phone)).isEqualTo(1);
	}

	@Test
	void aCrashAfterTheFallbackWasMadeButBeforeTheFailedWasSavedEndsWithOneFallback(@Autowired QueuedNotifications made)
			throws Exception {
		String phone = randomPhone();
		NotificationRequestedEvent request = sentOnWhatsApp(phone);
		// the first half of the failed callback's work, then the process died
		made.add(List.of(notification(request.notificationId()).fallback(Instant.now()).orElseThrow()));
		String fallbackId = Notification.fallbackIdOf(request.notificationId(), Channel.SMS);
		await().atMost(TIMEOUT)
			.until(() -> find(fallbackId).map(Notification::getStatus)
				.filter((s) -> s == NotificationStatus.SENT)
				.isPresent());
		assertThat(notification(request.notificationId()).getStatus()).isEqualTo(NotificationStatus.SENT);

		// Meta delivers the callback again, as it does until it gets a 200
		this.mvc
			.perform(signed(statusCall("wamid." + request.notificationId(), "failed",
					"{\"code\":131026,\"title\":\"Message undeliverable\"}")))
			.andExpect(status().isOk());

		Notification first = notification(request.notificationId());
		assertThat(first.getStatus()).isEqualTo(NotificationStatus.FAILED);
		assertThat(first.getFallbackNotificationId()).isEqualTo(fallbackId);
		await().during(Duration.ofSeconds(1))
			.atMost(TIMEOUT)
			.until(() -> sandboxMessages(this.mvc, this.json, phone, OPERATOR).path("total").asInt() == 1);
	}

	@Test
	void aThrottled130429WaitsAndGoesWithoutSpendingAnAttempt() {
		String phone = randomPhone();
		meta.stubFor(post(urlEqualTo(MESSAGES)).atPriority(1)
			.withRequestBody(matchingJsonPath("$.to", equalTo(digits(phone))))
			.inScenario(phone)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(400).withBody(error(130429)))
			.willSetStateTo("again"));
		meta.stubFor(post(urlEqualTo(MESSAGES)).atPriority(1)
			.withRequestBody(matchingJsonPath("$.to", equalTo(digits(phone))))
			.inScenario(phone)
			.whenScenarioStateIs("again")
			.willReturn(aResponse().withStatus(400).withBody(error(130429)))
			.willSetStateTo("open"));

		NotificationRequestedEvent request = sentOnWhatsApp(phone);

		assertThat(whatsAppRequestsTo(phone)).isEqualTo(3);
		assertThat(notification(request.notificationId()).getAttempts()).isEqualTo(1);
		assertThat(notification(request.notificationId()).getProviderMessageId())
			.isEqualTo("wamid." + request.notificationId());
	}

	@Test
	void theVerificationHandshakeEchoesTheChallengeAsPlainTextAndRefusesAWrongToken() throws Exception {
		this.mvc
			.perform(get("/webhooks/whatsapp").param("hub.mode", "subscribe")
				.param("hub.verify_token", "verify-me")
				.param("hub.challenge", "1158201444")
				.accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", org.hamcrest.Matchers.startsWith("text/plain")))
			.andExpect(content().string("1158201444"));
		this.mvc
			.perform(get("/webhooks/whatsapp").param("hub.mode", "subscribe")
				.param("hub.verify_token", "guess")
				.param("hub.challenge", "1158201444"))
			.andExpect(status().isForbidden());
	}

	@Test
	void stopOnWhatsAppIsConfirmedInBahasaIndonesiaAsFreeTextAndStopsTheNextBroadcast() throws Exception {
		String phone = randomPhone();
		sentOnWhatsApp(phone);

		this.mvc.perform(signed(messageCall(phone, "berhenti "))).andExpect(status().isOk());

		String confirmation = ReplyConfirmations.optedOutText(Channel.WHATSAPP);
		assertThat(confirmation).startsWith("Anda tidak akan menerima pesan")
			.endsWith("Balas MULAI untuk berlangganan lagi.");
		await().atMost(TIMEOUT)
			.until(() -> meta
				.findAll(postRequestedFor(urlEqualTo(MESSAGES))
					.withRequestBody(matchingJsonPath("$.to", equalTo(digits(phone))))
					.withRequestBody(matchingJsonPath("$.type", equalTo("text")))
					.withRequestBody(matchingJsonPath("$.text.body", equalTo(confirmation))))
				.size() == 1);

		NotificationRequestedEvent next = whatsAppOrSms(UUID.randomUUID().toString(), phone);
		publisher.publish(next);
		await().atMost(TIMEOUT).until(() -> find(next.notificationId()).isPresent());
		assertThat(notification(next.notificationId()).getStatus()).isEqualTo(NotificationStatus.SUPPRESSED);

		this.mvc.perform(signed(messageCall(phone, "MULAI"))).andExpect(status().isOk());
		await().atMost(TIMEOUT)
			.until(() -> meta
				.findAll(postRequestedFor(urlEqualTo(MESSAGES))
					.withRequestBody(
							matchingJsonPath("$.text.body", equalTo(ReplyConfirmations.optedInText(Channel.WHATSAPP))))
					.withRequestBody(matchingJsonPath("$.to", equalTo(digits(phone)))))
				.size() == 1);
	}

	@Test
	void anyOtherReplyIsAnnouncedWithThePhoneHashNotThePhone() throws Exception {
		String phone = randomPhone();
		sentOnWhatsApp(phone);
		String hash = this.pseudonyms.of(phone);

		this.mvc.perform(signed(messageCall(phone, "Air sudah naik di Jalan Tjilik Riwut"))).andExpect(status().isOk());

		List<ConsumerRecord<String, byte[]>> replies = await().atMost(TIMEOUT)
			.until(() -> events.forSubject(hash)
				.stream()
				.filter((r) -> InboundMessageReceivedEvent.TYPE.equals(TopicReader.header(r, "ce_type")))
				.toList(), (found) -> found.size() == 1);
		ConsumerRecord<String, byte[]> reply = replies.get(0);
		EventSchemas.assertValid(InboundMessageReceivedEvent.TYPE, TopicReader.value(reply));
		assertThat(reply.key()).isEqualTo(hash);
		JsonNode payload = this.json.readTree(TopicReader.value(reply));
		assertThat(payload.path("text").asString()).isEqualTo("Air sudah naik di Jalan Tjilik Riwut");
		assertThat(payload.path("kabupaten").asString()).isEqualTo("62.71");
		assertThat(payload.path("channel").asString()).isEqualTo("WHATSAPP");
		assertThat(TopicReader.value(reply)).doesNotContain(digits(phone)).doesNotContain(phone.substring(4));
	}

}
