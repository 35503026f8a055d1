package id.go.kalteng.kim.notification;

import java.time.Instant;
import java.util.UUID;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.notification.delivery.OutboundMessage;
import id.go.kalteng.kim.notification.intake.NotificationIntake;
import id.go.kalteng.kim.notification.optout.OptOuts;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static id.go.kalteng.kim.notification.NotificationFixtures.notifications;
import static id.go.kalteng.kim.notification.NotificationFixtures.randomPhone;
import static id.go.kalteng.kim.notification.NotificationFixtures.request;
import static id.go.kalteng.kim.notification.NotificationFixtures.sandboxMessages;
import static id.go.kalteng.kim.notification.NotificationFixtures.sandboxWebhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The HTTP face of the service: who may list what, paging and filters, and the signed
 * sandbox webhook. Requests enter through the intake directly; the Kafka path is
 * {@link NotificationDeliveryIntegrationTest}'s.
 */
class NotificationApiIntegrationTest extends NotificationIntegrationTest {

	@Autowired
	NotificationIntake intake;

	@Autowired
	OptOuts optOuts;

	@Test
	void healthIsUpOnTheRealBrokerAndDatabase() throws Exception {
		this.mvc.perform(get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"));
	}

	@Test
	void listingsNeedABearerToken() throws Exception {
		for (String path : new String[] { "/api/notifications", "/api/sandbox/messages" }) {
			this.mvc.perform(get(path))
				.andExpect(status().isUnauthorized())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
	}

	@Test
	void aCoordinatorMayNotListNotificationsOrSandboxMessages() throws Exception {
		for (String path : new String[] { "/api/notifications", "/api/sandbox/messages" }) {
			this.mvc.perform(get(path).with(TestTokens.coordinator("group-1")))
				.andExpect(status().isForbidden())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
	}

	@Test
	void aPhoneThatIsNoIndonesianNumberIsABadRequest() throws Exception {
		for (String path : new String[] { "/api/notifications", "/api/sandbox/messages" }) {
			this.mvc.perform(get(path).param("phone", "12345").with(OPERATOR))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value("phone"));
		}
	}

	@Test
	void aLocalNumberFindsTheSameMessagesAsItsE164Form() throws Exception {
		String phone = randomPhone();
		this.intake.accept(request(phone, "SMS", "NORMAL", "62.71"));

		await().atMost(TIMEOUT).until(() -> messageCount(phone, OPERATOR) == 1);
		String local = "0" + phone.substring(3, 6) + "-" + phone.substring(6, 10) + "-" + phone.substring(10);
		assertThat(messageCount(local, OPERATOR)).isEqualTo(1);
		assertThat(notifications(this.mvc, this.json, OPERATOR, "phone", local).path("total").asInt()).isEqualTo(1);
	}

	@Test
	void listingsArePaged() throws Exception {
		String phone = randomPhone();
		for (int i = 0; i < 5; i++) {
			this.intake.accept(request(phone, "SMS", "NORMAL", "62.71"));
		}
		await().atMost(TIMEOUT).until(() -> messageCount(phone, OPERATOR) == 5);

		JsonNode first = getPage("/api/sandbox/messages", phone, 0, 2);
		JsonNode last = getPage("/api/sandbox/messages", phone, 2, 2);
		assertThat(first.path("items").size()).isEqualTo(2);
		assertThat(first.path("page").asInt()).isZero();
		assertThat(first.path("size").asInt()).isEqualTo(2);
		assertThat(first.path("total").asInt()).isEqualTo(5);
		assertThat(last.path("items").size()).isEqualTo(1);

		JsonNode notifications = getPage("/api/notifications", phone, 1, 3);
		assertThat(notifications.path("items").size()).isEqualTo(2);
		assertThat(notifications.path("total").asInt()).isEqualTo(5);
		assertThat(notifications.path("items").get(0).path("phone").asString()).isEqualTo(phone);

		this.mvc.perform(get("/api/notifications").param("size", "0").with(OPERATOR))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/sandbox/messages").param("page", "-1").with(OPERATOR))
			.andExpect(status().isBadRequest());
	}

	@Test
	void anAgencySeesOnlyTheNotificationsAndMessagesOfItsKabupaten() throws Exception {
		String phone = randomPhone();
		this.intake.accept(request(phone, "SMS", "NORMAL", "62.71"));
		this.intake.accept(request(phone, "SMS", "NORMAL", "62.02"));
		await().atMost(TIMEOUT).until(() -> messageCount(phone, OPERATOR) == 2);

		RequestPostProcessor palangkaRaya = TestTokens.agency("62.71");
		JsonNode own = notifications(this.mvc, this.json, palangkaRaya, "phone", phone);
		assertThat(own.path("total").asInt()).isEqualTo(1);
		assertThat(own.path("items").get(0).path("kabupaten").asString()).isEqualTo("62.71");
		assertThat(messageCount(phone, palangkaRaya)).isEqualTo(1);
		assertThat(notifications(this.mvc, this.json, OPERATOR, "phone", phone).path("total").asInt()).isEqualTo(2);
	}

	@Test
	void notificationsAreFoundByBroadcastAndStatus() throws Exception {
		String broadcastId = UUID.randomUUID().toString();
		NotificationRequestedEvent sms = request(randomPhone(), "SMS", "NORMAL", "62.71", broadcastId, Instant.now());
		NotificationRequestedEvent invalid = request("12345", "SMS", "NORMAL", "62.71", broadcastId, Instant.now());
		this.intake.accept(sms);
		this.intake.accept(invalid);
		await().atMost(TIMEOUT)
			.until(() -> this.store.findById(sms.notificationId(), Notification.class)
				.orElseThrow()
				.getStatus() == NotificationStatus.SENT);

		JsonNode all = notifications(this.mvc, this.json, OPERATOR, "broadcastId", broadcastId);
		JsonNode failed = notifications(this.mvc, this.json, OPERATOR, "broadcastId", broadcastId, "status", "FAILED");
		assertThat(all.path("total").asInt()).isEqualTo(2);
		assertThat(failed.path("total").asInt()).isEqualTo(1);
		JsonNode item = failed.path("items").get(0);
		assertThat(item.path("id").asString()).isEqualTo(invalid.notificationId());
		assertThat(item.path("reason").asString()).isEqualTo("invalid-phone");
		assertThat(item.path("sourceType").asString()).isEqualTo("BROADCAST");
		assertThat(item.path("sourceId").asString()).isEqualTo(broadcastId);
		assertThat(item.path("channel").asString()).isEqualTo("SMS");
		assertThat(item.path("attempts").asInt()).isZero();
		assertThat(item.path("updatedAt").asString()).endsWith("+07:00");
		this.mvc.perform(get("/api/notifications").param("status", "LOST").with(OPERATOR))
			.andExpect(status().isBadRequest());
	}

	@Test
	void aWebhookCallWithoutAValidSignatureIsRefusedAndChangesNothing() throws Exception {
		String phone = randomPhone();
		String body = "{\"from\":\"" + phone + "\",\"text\":\"STOP\"}";

		this.mvc.perform(post("/webhooks/sms/sandbox").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc
			.perform(post("/webhooks/sms/sandbox").contentType(MediaType.APPLICATION_JSON)
				.header("X-Sandbox-Signature", "sha256=" + "0".repeat(64))
				.content(body))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.type").value("https://kim.kalteng.go.id/problems/invalid-signature"));

		assertThat(this.optOuts.isOptedOut(phone, Channel.SMS)).isFalse();
	}

	@Test
	void aSignedWebhookCallThatIsNeitherReportNorReplyIsABadRequest() throws Exception {
		this.mvc.perform(sandboxWebhook("{\"messageId\":\"sbx-1\",\"status\":\"LOST\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("status"));
		this.mvc.perform(sandboxWebhook("{\"from\":\"12345\",\"text\":\"STOP\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("from"));
		this.mvc.perform(sandboxWebhook("{}")).andExpect(status().isBadRequest());
		this.mvc.perform(sandboxWebhook("not json")).andExpect(status().isBadRequest());
		this.mvc.perform(sandboxWebhook("{\"messageId\":\"sbx-unknown\",\"status\":\"DELIVERED\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("unknown-message"));
	}

	@Test
	void deliveryReportsNeverMoveAStatusBackwards() throws Exception {
		String phone = randomPhone();
		NotificationRequestedEvent request = request(phone, "SMS", "NORMAL", "62.71");
		String messageId;
		this.worker.stop();
		try {
			this.intake.accept(request);
			this.queue.claim(Channel.SMS, 10, Instant.now());
			// the provider took it, its delivery report overtakes the worker's SENT
			messageId = this.providers.of(Channel.SMS)
				.orElseThrow()
				.send(new OutboundMessage(request.notificationId(), phone, Channel.SMS, request.text(), null,
						request.sourceType(), request.sourceId(), request.kabupaten()))
				.providerMessageId();
			report(messageId, "DELIVERED", "applied");
		}
		finally {
			this.worker.start();
		}
		report(messageId, "SENT", "ignored");
		report(messageId, "FAILED", "ignored");
		report(messageId, "READ", "applied");

		assertThat(this.store.findById(request.notificationId(), Notification.class).orElseThrow().getStatus())
			.isEqualTo(NotificationStatus.READ);
		assertThat(messageCount(phone, OPERATOR)).isEqualTo(1);
	}

	private void report(String messageId, String status, String outcome) throws Exception {
		this.mvc
			.perform(sandboxWebhook("{\"messageId\":\"" + messageId + "\",\"status\":\"" + status
					+ "\",\"timestamp\":\"2026-11-28T11:00:05Z\",\"operator\":\"Telkomsel\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value(outcome));
	}

	private JsonNode getPage(String path, String phone, int page, int size) throws Exception {
		return NotificationFixtures.getJson(this.mvc, this.json,
				get(path).param("phone", phone).param("page", String.valueOf(page)).param("size", String.valueOf(size)),
				OPERATOR);
	}

	private int messageCount(String phone, RequestPostProcessor token) throws Exception {
		return sandboxMessages(this.mvc, this.json, phone, token).path("total").asInt();
	}

}
