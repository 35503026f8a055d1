package id.go.kalteng.kim.notification.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import id.go.kalteng.kim.notification.delivery.DeliveryReports;
import id.go.kalteng.kim.notification.delivery.NotificationProperties;
import id.go.kalteng.kim.notification.delivery.ProviderSelection;
import id.go.kalteng.kim.notification.delivery.WebhookReplays;
import id.go.kalteng.kim.notification.delivery.WebhookSignatures;
import id.go.kalteng.kim.notification.optout.InboundMessages;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.test.ControllerSliceTest;
import id.go.kalteng.kim.support.web.ApiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The HTTP face of the sandbox's signed webhook alone: signatures, bodies and answers,
 * with the reports, inbound texts and replay records mocked.
 */
@ControllerSliceTest(SandboxWebhookController.class)
@ActiveProfiles(ProviderSelection.LOCAL_PROFILE)
@TestPropertySource(
		properties = { "kim.notification.whatsapp.provider=sandbox", "kim.notification.sms.provider=sandbox",
				"kim.notification.sandbox.webhook-secret=" + SandboxWebhookControllerTest.SECRET })
@Import(SandboxWebhookControllerTest.Collaborators.class)
class SandboxWebhookControllerTest {

	static final String SECRET = "a-webhook-secret-of-the-slice-test-0123456789";

	static final Instant NOW = Instant.parse("2026-11-28T11:00:00Z");

	private static final String PATH = "/webhooks/sms/sandbox";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	SandboxMessages messages;

	@MockitoBean
	DeliveryReports reports;

	@MockitoBean
	InboundMessages inbound;

	@MockitoBean
	WebhookReplays replays;

	@BeforeEach
	void replaysLetEveryCallThrough() {
		given(this.replays.once(eq("sandbox"), any(), any()))
			.willAnswer((invocation) -> invocation.<Supplier<?>>getArgument(2).get());
	}

	@Test
	void aSignedStopOptsThePhoneOut() throws Exception {
		given(this.inbound.received("sandbox", "in-1", "+6281234567890", Channel.SMS, "STOP"))
			.willReturn(InboundMessages.Outcome.OPTED_OUT);

		signed("{\"from\":\"0812-3456-7890\",\"text\":\"STOP\",\"messageId\":\"in-1\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("opted-out"));
	}

	@Test
	void aSignedDeliveryReportIsAppliedToItsNotification() throws Exception {
		given(this.messages.notificationOf("sbx-n-1")).willReturn(Optional.of("n-1"));
		given(this.reports.report("n-1", NotificationStatus.DELIVERED, null))
			.willReturn(DeliveryReports.Outcome.APPLIED);

		signed("{\"messageId\":\"sbx-n-1\",\"status\":\"delivered\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("applied"));
	}

	@Test
	void aReportOfAMessageTheSandboxNeverSentIsAnUnknownMessage() throws Exception {
		given(this.messages.notificationOf("sbx-other")).willReturn(Optional.empty());

		signed("{\"messageId\":\"sbx-other\",\"status\":\"READ\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("unknown-message"));
		verifyNoInteractions(this.reports);
	}

	@Test
	void anUnsignedWronglySignedOrStaleCallIsRefusedAndChangesNothing() throws Exception {
		byte[] body = "{\"from\":\"0812-3456-7890\",\"text\":\"STOP\"}".getBytes(StandardCharsets.UTF_8);
		expectInvalidSignature(this.mvc.perform(post(PATH).contentType(MediaType.APPLICATION_JSON).content(body)));
		expectInvalidSignature(this.mvc.perform(post(PATH).contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.header("X-Kim-Timestamp", String.valueOf(NOW.getEpochSecond()))
			.header("X-Sandbox-Signature", WebhookSignatures.sign("another-secret", NOW.getEpochSecond(), body))));
		long stale = NOW.minus(Duration.ofMinutes(6)).getEpochSecond();
		expectInvalidSignature(this.mvc.perform(post(PATH).contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.header("X-Kim-Timestamp", String.valueOf(stale))
			.header("X-Sandbox-Signature", WebhookSignatures.sign(SECRET, stale, body))));
		verify(this.replays, never()).once(any(), any(), any());
		verifyNoInteractions(this.inbound, this.reports);
	}

	@Test
	void aReplayedCallIsRefusedWithItsOwnProblemType() throws Exception {
		given(this.replays.once(eq("sandbox"), any(), any())).willThrow(new ApiException(HttpStatus.UNAUTHORIZED,
				"replayed-call", "Replayed call", "received before", List.of()) {
		});

		signed("{\"from\":\"0812-3456-7890\",\"text\":\"STOP\"}").andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type", endsWith("/replayed-call")));
		verifyNoInteractions(this.inbound);
	}

	@Test
	void aBodyThatIsNoObjectIsAProblemNamingTheBody() throws Exception {
		for (String body : List.of("", "null", "[]", "\"STOP\"", "{not json")) {
			expectInvalid(signed(body), "body");
		}
		verifyNoInteractions(this.inbound, this.reports, this.replays);
	}

	@Test
	void aFieldThatIsNoStringIsAProblemNamingIt() throws Exception {
		expectInvalid(signed("{\"from\":\"0812-3456-7890\",\"text\":5}"), "text");
		expectInvalid(signed("{\"messageId\":[\"sbx-n-1\"],\"status\":\"READ\"}"), "messageId");
		verifyNoInteractions(this.inbound, this.reports);
	}

	@Test
	void aCallThatIsNeitherReportNorTextOrIsIncompleteIsAProblemNamingTheFields() throws Exception {
		signed("{}").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("messageId", "from")));
		expectInvalid(signed("{\"messageId\":\"sbx-n-1\",\"status\":\"LOST\"}"), "status");
		expectInvalid(signed("{\"from\":\"12345\",\"text\":\"STOP\"}"), "from");
		expectInvalid(signed("{\"from\":\"0812-3456-7890\",\"text\":\"STOP\",\"channel\":\"FAX\"}"), "channel");
		verifyNoInteractions(this.inbound, this.reports, this.messages);
	}

	private ResultActions signed(String body) throws Exception {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return this.mvc.perform(post(PATH).contentType(MediaType.APPLICATION_JSON)
			.content(bytes)
			.header("X-Kim-Timestamp", String.valueOf(NOW.getEpochSecond()))
			.header("X-Sandbox-Signature", WebhookSignatures.sign(SECRET, NOW.getEpochSecond(), bytes)));
	}

	private static void expectInvalidSignature(ResultActions result) throws Exception {
		result.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type", endsWith("/invalid-signature")));
	}

	private static void expectInvalid(ResultActions result, String field) throws Exception {
		result.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value(field));
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(NotificationProperties.class)
	static class Collaborators {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

}
