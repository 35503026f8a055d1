package id.go.kalteng.kim.notification.sandbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import id.go.kalteng.kim.notification.delivery.DeliveryReports;
import id.go.kalteng.kim.notification.delivery.NotificationProperties;
import id.go.kalteng.kim.notification.delivery.WebhookReplays;
import id.go.kalteng.kim.notification.delivery.WebhookSignatures;
import id.go.kalteng.kim.notification.optout.InboundMessages;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.FieldViolation;
import id.go.kalteng.kim.support.phone.PhoneNumbers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's SMS provider webhook: delivery reports of sandbox messages and texts sent
 * back by phones (STOP / BERHENTI, START / MULAI). Webhooks carry no token, so every call
 * is signed: {@code X-Kim-Timestamp} (Unix seconds) and {@code X-Sandbox-Signature}, the
 * HMAC-SHA256 of {@code timestamp + "." + body}; calls outside the 5-minute window and
 * replays inside it are refused.
 */
@RestController
@ConditionalOnSandbox
@Tag(name = "Sandbox")
class SandboxWebhookController {

	static final String SIGNATURE_HEADER = "X-Sandbox-Signature";

	static final String TIMESTAMP_HEADER = "X-Kim-Timestamp";

	private static final WebhookSignatures.Headers HEADERS = new WebhookSignatures.Headers(SIGNATURE_HEADER,
			TIMESTAMP_HEADER);

	private static final String PROVIDER = "sandbox";

	private static final int MAX_ID_LENGTH = 200;

	private static final List<NotificationStatus> REPORTABLE = List.of(NotificationStatus.SENT,
			NotificationStatus.DELIVERED, NotificationStatus.READ, NotificationStatus.FAILED);

	private final SandboxMessages messages;

	private final DeliveryReports reports;

	private final InboundMessages inbound;

	private final WebhookReplays replays;

	private final JsonMapper json;

	private final Clock clock;

	private final String secret;

	SandboxWebhookController(SandboxMessages messages, DeliveryReports reports, InboundMessages inbound,
			WebhookReplays replays, JsonMapper json, Clock clock, NotificationProperties properties) {
		this.messages = messages;
		this.reports = reports;
		this.inbound = inbound;
		this.replays = replays;
		this.json = json;
		this.clock = clock;
		this.secret = properties.sandbox().requireWebhookSecret();
	}

	@PostMapping(path = "/webhooks/sms/sandbox", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "receiveSandboxCallback",
			summary = "Receive a delivery report or an inbound text from the sandbox provider",
			description = "Signed with the shared webhook secret (signature and timestamp headers); a replayed call answers as the first did.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = SandboxCallback.class),
							examples = {
									@ExampleObject(name = "report", summary = "A delivery report",
											value = "{\"messageId\": \"sbx-4f2a9c\", \"status\": \"DELIVERED\"}"),
									@ExampleObject(name = "inbound", summary = "An inbound text",
											value = "{\"from\": \"+6281234567890\", \"text\": \"STOP\"}") })))
	WebhookAnswer receive(@RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
			@RequestHeader(name = TIMESTAMP_HEADER, required = false) String timestamp,
			@RequestBody(required = false) byte[] body) {
		byte[] raw = (body != null) ? body : new byte[0];
		WebhookSignatures.Verified call = WebhookSignatures.verify(this.secret, HEADERS, timestamp, signature, raw,
				this.clock.instant());
		SandboxCallback callback = SandboxCallback.of(parse(raw));
		return this.replays.once(PROVIDER, call, () -> handle(callback));
	}

	private WebhookAnswer handle(SandboxCallback callback) {
		if (callback.isInbound()) {
			return inbound(callback);
		}
		if (callback.isReport()) {
			return report(callback);
		}
		throw DomainException.invalid(List.of(FieldViolation.of("messageId", "a delivery report needs messageId"),
				FieldViolation.of("from", "an inbound text needs from and text")));
	}

	private WebhookAnswer report(SandboxCallback callback) {
		List<FieldViolation> errors = new ArrayList<>();
		if (callback.messageId() == null || callback.messageId().isBlank()) {
			errors.add(FieldViolation.of("messageId", "must not be blank"));
		}
		Optional<NotificationStatus> status = statusOf(callback.status());
		if (status.isEmpty()) {
			errors.add(new FieldViolation("status", "must be one of " + REPORTABLE, callback.status()));
		}
		if (!errors.isEmpty()) {
			throw DomainException.invalid(errors);
		}
		Optional<String> notificationId = this.messages.notificationOf(callback.messageId());
		if (notificationId.isEmpty()) {
			return new WebhookAnswer("unknown-message");
		}
		return switch (this.reports.report(notificationId.get(), status.get(), callback.reason())) {
			case APPLIED -> new WebhookAnswer("applied");
			case IGNORED -> new WebhookAnswer("ignored");
			case UNKNOWN_MESSAGE -> new WebhookAnswer("unknown-message");
		};
	}

	private WebhookAnswer inbound(SandboxCallback callback) {
		List<FieldViolation> errors = new ArrayList<>();
		Optional<String> phone = PhoneNumbers.normalise(callback.from());
		if (phone.isEmpty()) {
			errors.add(FieldViolation.of("from", "must be an Indonesian mobile number"));
		}
		if (callback.text() == null) {
			errors.add(FieldViolation.of("text", "must not be null"));
		}
		Optional<Channel> channel = (callback.channel() != null) ? Channel.parse(callback.channel())
				: Optional.of(Channel.SMS);
		if (channel.isEmpty()) {
			errors.add(new FieldViolation("channel", "must be SMS or WHATSAPP", callback.channel()));
		}
		if (callback.messageId() != null && callback.messageId().length() > MAX_ID_LENGTH) {
			errors.add(FieldViolation.of("messageId", "must be at most " + MAX_ID_LENGTH + " characters"));
		}
		if (!errors.isEmpty()) {
			throw DomainException.invalid(errors);
		}
		return switch (this.inbound.received(PROVIDER, callback.messageId(), phone.get(), channel.get(),
				callback.text())) {
			case OPTED_OUT -> new WebhookAnswer("opted-out");
			case OPTED_IN -> new WebhookAnswer("opted-in");
			case UNCHANGED -> new WebhookAnswer("unchanged");
			case NO_KEYWORD -> new WebhookAnswer("no-keyword");
			case DUPLICATE -> new WebhookAnswer("duplicate");
		};
	}

	private static Optional<NotificationStatus> statusOf(String status) {
		if (status == null) {
			return Optional.empty();
		}
		return REPORTABLE.stream().filter((s) -> s.name().equals(status.trim().toUpperCase(Locale.ROOT))).findFirst();
	}

	private JsonNode parse(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw DomainException.invalid("body", "must be a JSON object: a delivery report or an inbound text");
		}
	}

	/**
	 * What the call changed: applied, ignored, unknown-message, opted-out, duplicate ...
	 */
	record WebhookAnswer(String outcome) {

	}

}
