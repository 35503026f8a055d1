package id.go.kalteng.kim.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.notification.delivery.WebhookSignatures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Requests as dissemination-service publishes them, and the calls tests make to the API.
 */
final class NotificationFixtures {

	/** A number the sandbox fails with a transient error (configured in the tests). */
	static final String FAILING_PHONE = "+6281299990000";

	/** A number the sandbox plays as not on WhatsApp (answered like 131026). */
	static final String NOT_ON_WHATSAPP = "+6281299990131";

	/**
	 * The sandbox webhook's secret in the tests (like ./kim's, long and random-looking).
	 */
	static final String SANDBOX_SECRET = "test-sandbox-webhook-secret-6f1c0b7e2a9d4c35";

	private NotificationFixtures() {
	}

	/** A fresh random Telkomsel number, so tests never see each other's messages. */
	static String randomPhone() {
		return "+62812" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}

	static NotificationRequestedEvent request(String phone, String channel, String priority, String kabupaten) {
		return request(phone, channel, priority, kabupaten, UUID.randomUUID().toString(), Instant.now());
	}

	static NotificationRequestedEvent request(String phone, String channel, String priority, String kabupaten,
			String broadcastId, Instant requestedAt) {
		return request(phone, channel, priority, kabupaten, broadcastId, requestedAt, UUID.randomUUID().toString());
	}

	/** A request of a new broadcast to a given member. */
	static NotificationRequestedEvent requestFor(String memberId, String phone, String channel, String kabupaten) {
		return request(phone, channel, "NORMAL", kabupaten, UUID.randomUUID().toString(), Instant.now(), memberId);
	}

	static NotificationRequestedEvent request(String phone, String channel, String priority, String kabupaten,
			String broadcastId, Instant requestedAt, String memberId) {
		String notificationId = UUID
			.nameUUIDFromBytes((broadcastId + "\n" + phone + "\n" + channel).getBytes(StandardCharsets.UTF_8))
			.toString();
		return new NotificationRequestedEvent(notificationId, "BROADCAST", broadcastId, kabupaten, memberId, phone,
				channel, "Waspada banjir di Jekan Raya " + broadcastId, priority, requestedAt);
	}

	static JsonNode getJson(MockMvc mvc, JsonMapper json, MockHttpServletRequestBuilder request,
			RequestPostProcessor token) throws Exception {
		String body = mvc.perform(request.with(token))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return json.readTree(body);
	}

	static JsonNode sandboxMessages(MockMvc mvc, JsonMapper json, String phone, RequestPostProcessor token)
			throws Exception {
		return getJson(mvc, json, get("/api/sandbox/messages").param("phone", phone), token);
	}

	static JsonNode notifications(MockMvc mvc, JsonMapper json, RequestPostProcessor token, String... params)
			throws Exception {
		MockHttpServletRequestBuilder request = get("/api/notifications");
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return getJson(mvc, json, request, token);
	}

	/** A call to the sandbox SMS webhook signed now, as a provider makes it. */
	static MockHttpServletRequestBuilder sandboxWebhook(String body) {
		return sandboxWebhook(body, Instant.now().getEpochSecond());
	}

	/**
	 * A call to the sandbox SMS webhook signed with the given timestamp (Unix seconds).
	 */
	static MockHttpServletRequestBuilder sandboxWebhook(String body, long timestamp) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return post("/webhooks/sms/sandbox").contentType(MediaType.APPLICATION_JSON)
			.header("X-Kim-Timestamp", String.valueOf(timestamp))
			.header("X-Sandbox-Signature", WebhookSignatures.sign(SANDBOX_SECRET, timestamp, bytes))
			.content(bytes);
	}

}
