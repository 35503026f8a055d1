package id.go.kalteng.kim.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import id.go.kalteng.kim.contracts.notification.ChannelOptedInEvent;
import id.go.kalteng.kim.contracts.notification.ChannelOptedOutEvent;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.notification.delivery.WebhookSignatures;
import id.go.kalteng.kim.notification.intake.NotificationIntake;
import id.go.kalteng.kim.notification.optout.OptOuts;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.test.TopicReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static id.go.kalteng.kim.notification.NotificationFixtures.SANDBOX_SECRET;
import static id.go.kalteng.kim.notification.NotificationFixtures.randomPhone;
import static id.go.kalteng.kim.notification.NotificationFixtures.request;
import static id.go.kalteng.kim.notification.NotificationFixtures.sandboxWebhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who may call the sandbox's public webhook, and what a call may change: signed within
 * five minutes, never twice, a JSON object of strings; a replayed or late delivery report
 * or inbound text changes nothing.
 */
class SandboxWebhookIntegrationTest extends NotificationIntegrationTest {

	private static final String PROBLEMS = "https://kim.kalteng.go.id/problems/";

	@Autowired
	OptOuts optOuts;

	@Autowired
	NotificationIntake intake;

	@Test
	void aCallSignedMoreThanFiveMinutesFromNowIsRefusedAndChangesNothing() throws Exception {
		String phone = randomPhone();
		String stop = "{\"from\":\"" + phone + "\",\"text\":\"STOP\"}";
		long now = Instant.now().getEpochSecond();

		for (long timestamp : new long[] { now - 360, now + 360 }) {
			unauthorized(sandboxWebhook(stop, timestamp), "invalid-signature")
				.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("5 minutes")));
		}
		assertThat(this.optOuts.isOptedOut(phone, Channel.SMS)).isFalse();
	}

	@Test
	void aCallSignedTheOldWayWithoutATimestampIsRefused() throws Exception {
		String phone = randomPhone();
		byte[] stop = ("{\"from\":\"" + phone + "\",\"text\":\"STOP\"}").getBytes(StandardCharsets.UTF_8);
		String bodyOnly = WebhookSignatures.sign(SANDBOX_SECRET, 0, stop);

		unauthorized(post("/webhooks/sms/sandbox").contentType(MediaType.APPLICATION_JSON)
			.header("X-Sandbox-Signature", bodyOnly)
			.content(stop), "invalid-signature");
		unauthorized(post("/webhooks/sms/sandbox").contentType(MediaType.APPLICATION_JSON)
			.header("X-Kim-Timestamp", String.valueOf(Instant.now().getEpochSecond()))
			.header("X-Sandbox-Signature", bodyOnly)
			.content(stop), "invalid-signature");
		assertThat(this.optOuts.isOptedOut(phone, Channel.SMS)).isFalse();
	}

	@Test
	void aReplayedCallIsRefusedAndChangesNothing() throws Exception {
		String phone = randomPhone();
		long signedAt = Instant.now().getEpochSecond();
		String stop = "{\"from\":\"" + phone + "\",\"text\":\"STOP\"}";
		outcome(sandboxWebhook(stop, signedAt), "opted-out");
		outcome(sandboxWebhook("{\"from\":\"" + phone + "\",\"text\":\"MULAI\"}"), "opted-in");

		// the captured STOP, sent again inside its window
		unauthorized(sandboxWebhook(stop, signedAt), "replayed-call");

		assertThat(this.optOuts.isOptedOut(phone, Channel.SMS)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "null", "", " ", "[]", "[{\"from\":\"+6281234567890\",\"text\":\"STOP\"}]", "\"STOP\"",
			"42", "true", "not json", "{\"from\":" })
	void aSignedBodyThatIsNoJsonObjectIsABadRequest(String body) throws Exception {
		this.mvc.perform(sandboxWebhook(body))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("body"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			from      | {"from": 6281234567890, "text": "STOP"}
			from      | {"from": ["PHONE"], "text": "STOP"}
			text      | {"from": "PHONE", "text": ["STOP"]}
			text      | {"from": "PHONE", "text": {"word": "STOP"}}
			channel   | {"from": "PHONE", "text": "STOP", "channel": true}
			messageId | {"from": "PHONE", "text": "STOP", "messageId": 17}
			messageId | {"messageId": {"id": "sbx-1"}, "status": "DELIVERED"}
			status    | {"messageId": "sbx-1", "status": 3}
			reason    | {"messageId": "sbx-1", "status": "FAILED", "reason": false}
			""")
	void aSignedFieldOfTheWrongTypeIsABadRequestNamingItAndChangesNothing(String field, String body) throws Exception {
		String phone = randomPhone();

		this.mvc.perform(sandboxWebhook(body.replace("PHONE", phone)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("must be a string")));
		assertThat(this.optOuts.isOptedOut(phone, Channel.SMS)).isFalse();
	}

	@Test
	void aRefusedCallCanBeCorrectedAndSentAgain() throws Exception {
		String phone = randomPhone();
		long signedAt = Instant.now().getEpochSecond();
		this.mvc.perform(sandboxWebhook("{\"from\":\"" + phone + "\",\"text\":\"STOP\",\"channel\":\"FAX\"}", signedAt))
			.andExpect(status().isBadRequest());

		outcome(sandboxWebhook("{\"from\":\"" + phone + "\",\"text\":\"STOP\"}", signedAt), "opted-out");
	}

	@Test
	void aReplayedOrLateDeliveryReportChangesNothing() throws Exception {
		NotificationRequestedEvent request = request(randomPhone(), "SMS", "NORMAL", "62.71");
		this.intake.accept(request);
		await().atMost(TIMEOUT).until(() -> statusOf(request.notificationId()) == NotificationStatus.SENT);
		String messageId = this.store.findById(request.notificationId(), Notification.class)
			.orElseThrow()
			.getProviderMessageId();
		String delivered = "{\"messageId\":\"" + messageId + "\",\"status\":\"DELIVERED\"}";
		long signedAt = Instant.now().getEpochSecond();
		outcome(sandboxWebhook(delivered, signedAt), "applied");
		long version = this.store.findById(request.notificationId(), Notification.class).orElseThrow().getVersion();

		unauthorized(sandboxWebhook(delivered, signedAt), "replayed-call");
		// a provider without timestamps replays it, or sends the older report late
		outcome(sandboxWebhook(delivered, signedAt + 1), "ignored");
		outcome(sandboxWebhook("{\"messageId\":\"" + messageId + "\",\"status\":\"SENT\"}"), "ignored");

		Notification now = this.store.findById(request.notificationId(), Notification.class).orElseThrow();
		assertThat(now.getStatus()).isEqualTo(NotificationStatus.DELIVERED);
		assertThat(now.getVersion()).isEqualTo(version);
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(events.forSubject(request.notificationId()))
				.extracting((r) -> this.json.readTree(TopicReader.value(r)).path("status").asString())
				.containsExactly("QUEUED", "SENT", "DELIVERED"));
	}

	@Test
	void anInboundMessageDeliveredAgainIsNotASecondOptOut() throws Exception {
		String phone = randomPhone();
		String stop = "{\"messageId\":\"in-" + phone + "-1\",\"from\":\"" + phone + "\",\"text\":\"STOP\"}";
		outcome(sandboxWebhook(stop), "opted-out");
		outcome(sandboxWebhook("{\"messageId\":\"in-" + phone + "-2\",\"from\":\"" + phone + "\",\"text\":\"START\"}"),
				"opted-in");

		// the same message again, as a provider whose signatures carry no time could
		// replay it
		outcome(sandboxWebhook(stop, Instant.now().getEpochSecond() + 1), "duplicate");

		assertThat(this.optOuts.isOptedOut(phone, Channel.SMS)).isFalse();
		String hash = this.pseudonyms.of(phone);
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(events.forSubject(hash)).extracting((r) -> TopicReader.header(r, "ce_type"))
				.containsExactly(ChannelOptedOutEvent.TYPE, ChannelOptedInEvent.TYPE));
	}

	private NotificationStatus statusOf(String notificationId) {
		return this.store.findById(notificationId, Notification.class).map(Notification::getStatus).orElse(null);
	}

	private void outcome(MockHttpServletRequestBuilder call, String outcome) throws Exception {
		this.mvc.perform(call).andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value(outcome));
	}

	private ResultActions unauthorized(MockHttpServletRequestBuilder call, String problem) throws Exception {
		return this.mvc.perform(call)
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(PROBLEMS + problem));
	}

}
