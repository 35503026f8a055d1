package id.go.kalteng.kim.notification.provider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import id.go.kalteng.kim.notification.delivery.DeliveryReports;
import id.go.kalteng.kim.notification.delivery.NotificationProperties;
import id.go.kalteng.kim.notification.delivery.WebhookSignatures;
import id.go.kalteng.kim.notification.optout.InboundMessages;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.observability.Masking;
import id.go.kalteng.kim.support.phone.PhoneNumbers;
import id.go.kalteng.kim.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * WhatsApp Cloud API's webhook, {@code /webhooks/whatsapp}: Meta's verification handshake
 * (GET) and its calls (POST), which are accepted only with a valid
 * {@code X-Hub-Signature-256} (the HMAC-SHA256 of the raw body under the app secret):
 * otherwise 401 and nothing changes. A call carries statuses of sent messages (sent,
 * delivered, read, failed: matched by the notification id we sent as
 * {@code biz_opaque_callback_data}, else by the message id, forward only, so a late
 * {@code sent} after {@code delivered} changes nothing) and messages from phones (STOP /
 * MULAI and community replies). Meta redelivers a call until it gets a 200: a repeat
 * changes nothing (statuses only move forward, inbound messages are handled once per id).
 */
@RestController
@ConditionalOnProperty(name = "kim.notification.whatsapp.provider", havingValue = NotificationProperties.CLOUD_API)
@Tag(name = "Provider webhooks", description = "Delivery reports and replies from the real providers")
class WhatsAppWebhookController {

	static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

	private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhookController.class);

	private static final String PROVIDER = NotificationProperties.CLOUD_API;

	private final DeliveryReports reports;

	private final InboundMessages inbound;

	private final JsonMapper json;

	private final Clock clock;

	private final NotificationProperties.WhatsApp settings;

	WhatsAppWebhookController(DeliveryReports reports, InboundMessages inbound, JsonMapper json, Clock clock,
			NotificationProperties properties) {
		this.reports = reports;
		this.inbound = inbound;
		this.json = json;
		this.clock = clock;
		this.settings = properties.whatsapp();
	}

	@GetMapping("/webhooks/whatsapp")
	@Operation(operationId = "verifyWhatsAppWebhook",
			summary = "Meta's webhook verification: echoes hub.challenge as text/plain when hub.verify_token matches")
	void verify(@RequestParam(name = "hub.mode", required = false) String mode,
			@RequestParam(name = "hub.verify_token", required = false) String token,
			@RequestParam(name = "hub.challenge", required = false) String challenge, HttpServletResponse response)
			throws IOException {
		if (!"subscribe".equals(mode) || token == null || challenge == null
				|| !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
						this.settings.verifyToken().getBytes(StandardCharsets.UTF_8))) {
			throw new VerificationFailedException();
		}
		response.setStatus(HttpStatus.OK.value());
		response.setContentType(MediaType.TEXT_PLAIN_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(challenge);
	}

	@PostMapping("/webhooks/whatsapp")
	@Operation(operationId = "receiveWhatsAppCallback",
			summary = "Receive statuses and messages from WhatsApp Cloud API (signed with X-Hub-Signature-256)")
	Map<String, Integer> receive(@RequestBody(required = false) byte[] body,
			@RequestHeader(name = SIGNATURE_HEADER, required = false) String signature) {
		byte[] raw = (body != null) ? body : new byte[0];
		WebhookSignatures.verifyBody(this.settings.appSecret(), SIGNATURE_HEADER, signature, raw);
		JsonNode call = parse(raw);
		List<JsonNode> statuses = new ArrayList<>();
		List<JsonNode> messages = new ArrayList<>();
		for (JsonNode entry : call.path("entry")) {
			for (JsonNode change : entry.path("changes")) {
				JsonNode value = change.path("value");
				value.path("statuses").forEach(statuses::add);
				value.path("messages").forEach(messages::add);
			}
		}
		Map<String, Integer> outcomes = new LinkedHashMap<>();
		statuses(statuses, outcomes);
		for (JsonNode message : messages) {
			outcomes.merge(message(message), 1, Integer::sum);
		}
		return outcomes;
	}

	private void statuses(List<JsonNode> statuses, Map<String, Integer> outcomes) {
		Set<String> withoutOurId = new HashSet<>();
		for (JsonNode status : statuses) {
			if (status.path("biz_opaque_callback_data").asString("").isBlank()) {
				withoutOurId.add(status.path("id").asString(""));
			}
		}
		withoutOurId.remove("");
		Map<String, String> known = this.reports.notificationsOf(PROVIDER, withoutOurId);
		for (JsonNode status : statuses) {
			String ours = status.path("biz_opaque_callback_data").asString("");
			String notificationId = !ours.isBlank() ? ours : known.get(status.path("id").asString(""));
			outcomes.merge(status(status, notificationId), 1, Integer::sum);
		}
	}

	private String status(JsonNode status, String notificationId) {
		if (notificationId == null) {
			return "unknown-message";
		}
		String name = status.path("status").asString("");
		JsonNode error = status.path("errors").path(0);
		int code = error.path("code").isNumber() ? error.path("code").asInt() : -1;
		DeliveryReports.Outcome outcome = switch (name) {
			case "sent" -> this.reports.report(notificationId, NotificationStatus.SENT, null);
			case "delivered" -> this.reports.report(notificationId, NotificationStatus.DELIVERED, null);
			case "read" -> this.reports.report(notificationId, NotificationStatus.READ, null);
			case "failed" -> (WhatsAppCloudApi.UNREACHABLE.contains(code) || code == WhatsAppCloudApi.OUTSIDE_WINDOW)
					? this.reports.reportUnreachable(notificationId,
							(code == WhatsAppCloudApi.OUTSIDE_WINDOW) ? "whatsapp-outside-window"
									: "whatsapp-undeliverable")
					: this.reports.report(notificationId, NotificationStatus.FAILED,
							(code >= 0) ? "whatsapp-" + code : "whatsapp-failed");
			default -> null;
		};
		if (outcome == null) {
			return "ignored";
		}
		return switch (outcome) {
			case APPLIED -> "applied";
			case IGNORED -> "ignored";
			case UNKNOWN_MESSAGE -> "unknown-message";
		};
	}

	private String message(JsonNode message) {
		String id = message.path("id").asString(null);
		Optional<String> phone = PhoneNumbers.normalise("+" + message.path("from").asString(""));
		if (phone.isEmpty()) {
			return "ignored";
		}
		long sentAt = message.path("timestamp").asLong(0);
		Instant now = this.clock.instant();
		if (sentAt > 0 && Instant.ofEpochSecond(sentAt).isBefore(now.minus(InboundMessages.DEDUPE_RETENTION))) {
			// older than the memory of handled ids: it could be one handled long ago
			log.warn("WhatsApp message {} from {} is older than {}; ignored", id, Masking.phone(phone.get()),
					InboundMessages.DEDUPE_RETENTION);
			return "ignored";
		}
		String text = switch (message.path("type").asString("")) {
			case "text" -> message.path("text").path("body").asString(null);
			case "button" -> message.path("button").path("text").asString(null);
			case "interactive" -> message.path("interactive").path("button_reply").path("title").asString(null);
			default -> null;
		};
		return switch (this.inbound.received(PROVIDER, id, phone.get(), Channel.WHATSAPP, text)) {
			case OPTED_OUT -> "opted-out";
			case OPTED_IN -> "opted-in";
			case UNCHANGED -> "unchanged";
			case NO_KEYWORD -> "no-keyword";
			case DUPLICATE -> "duplicate";
		};
	}

	private JsonNode parse(byte[] body) {
		try {
			JsonNode call = (body.length > 0) ? this.json.readTree(body) : null;
			if (call != null && call.isObject()) {
				return call;
			}
		}
		catch (JacksonException ex) {
			// below
		}
		throw DomainException.invalid("body", "must be a JSON object: a WhatsApp webhook call");
	}

	/** 403: the verification token does not match. */
	static final class VerificationFailedException extends ApiException {

		VerificationFailedException() {
			super(HttpStatus.FORBIDDEN, "verification-failed", "Verification failed",
					"hub.mode must be subscribe and hub.verify_token the configured verify token", List.of());
		}

	}

}
