package id.go.kalteng.kim.notification.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import id.go.kalteng.kim.notification.delivery.DeliveryReports;
import id.go.kalteng.kim.notification.delivery.NotificationProperties;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Infobip's delivery reports, {@code POST /webhooks/sms/infobip?key=…} (the URL we give
 * it as {@code notifyUrl}; the key derives from the API key, and a call without it is 401
 * and changes nothing): {@code results[]} with our {@code messageId} (the notification
 * id) and the status group: DELIVERED → DELIVERED, PENDING → SENT, UNDELIVERABLE /
 * EXPIRED / REJECTED → FAILED; forward only.
 */
@RestController
@ConditionalOnProperty(name = "kim.notification.sms.provider", havingValue = NotificationProperties.INFOBIP)
@Tag(name = "Provider webhooks")
class InfobipWebhookController {

	static final String PATH = "/webhooks/sms/infobip";

	private final DeliveryReports reports;

	private final JsonMapper json;

	private final byte[] key;

	InfobipWebhookController(DeliveryReports reports, JsonMapper json, NotificationProperties properties) {
		this.reports = reports;
		this.json = json;
		this.key = InfobipSms.callbackKey(properties.infobip().apiKey()).getBytes(StandardCharsets.US_ASCII);
	}

	@PostMapping(PATH)
	@Operation(operationId = "receiveInfobipReports", summary = "Receive Infobip SMS delivery reports")
	Map<String, Integer> receive(@RequestParam(name = "key", required = false) String key,
			@RequestBody(required = false) byte[] body) {
		if (key == null || !MessageDigest.isEqual(this.key, key.getBytes(StandardCharsets.US_ASCII))) {
			throw new UnknownCallerException();
		}
		JsonNode call = parse(body);
		Map<String, Integer> outcomes = new LinkedHashMap<>();
		for (JsonNode result : call.path("results")) {
			String notificationId = result.path("callbackData").asString("");
			if (notificationId.isBlank()) {
				notificationId = result.path("messageId").asString("");
			}
			JsonNode status = result.path("status");
			NotificationStatus reported = switch (status.path("groupId").asInt(-1)) {
				case InfobipSms.PENDING -> NotificationStatus.SENT;
				case InfobipSms.DELIVERED -> NotificationStatus.DELIVERED;
				case InfobipSms.UNDELIVERABLE, InfobipSms.EXPIRED, InfobipSms.REJECTED -> NotificationStatus.FAILED;
				default -> null;
			};
			String outcome;
			if (notificationId.isBlank() || reported == null) {
				outcome = "ignored";
			}
			else {
				String reason = (reported == NotificationStatus.FAILED)
						? "sms-" + status.path("name").asString("failed").toLowerCase().replace('_', '-') : null;
				outcome = switch (this.reports.report(notificationId, reported, reason)) {
					case APPLIED -> "applied";
					case IGNORED -> "ignored";
					case UNKNOWN_MESSAGE -> "unknown-message";
				};
			}
			outcomes.merge(outcome, 1, Integer::sum);
		}
		return outcomes;
	}

	private JsonNode parse(byte[] body) {
		try {
			JsonNode call = (body != null && body.length > 0) ? this.json.readTree(body) : null;
			if (call != null && call.isObject()) {
				return call;
			}
		}
		catch (JacksonException ex) {
			// below
		}
		throw DomainException.invalid("body", "must be a JSON object: Infobip delivery reports");
	}

	/** 401: the call does not carry the report URL's key. */
	static final class UnknownCallerException extends ApiException {

		UnknownCallerException() {
			super(HttpStatus.UNAUTHORIZED, "invalid-signature", "Invalid signature",
					"the report URL's key is missing or wrong", List.of());
		}

	}

}
