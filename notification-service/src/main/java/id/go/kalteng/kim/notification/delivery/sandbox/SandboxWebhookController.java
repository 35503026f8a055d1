package id.go.kalteng.kim.notification.delivery.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import id.go.kalteng.kim.notification.NotificationProperties;
import id.go.kalteng.kim.notification.delivery.DeliveryReports;
import id.go.kalteng.kim.notification.delivery.WebhookSignatures;
import id.go.kalteng.kim.notification.optout.InboundMessages;
import id.go.kalteng.kim.support.phone.PhoneNumbers;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.web.ApiException;
import id.go.kalteng.kim.support.web.FieldViolation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's SMS provider webhook: delivery reports of sandbox messages and texts sent
 * back by phones (STOP / BERHENTI, START / MULAI). Signed with
 * {@code X-Sandbox-Signature} (HMAC-SHA256 of the body) since webhooks carry no token.
 */
@RestController
@ConditionalOnSandbox
class SandboxWebhookController {

	static final String SIGNATURE_HEADER = "X-Sandbox-Signature";

	private static final List<NotificationStatus> REPORTABLE = List.of(NotificationStatus.SENT,
			NotificationStatus.DELIVERED, NotificationStatus.READ, NotificationStatus.FAILED);

	private final SandboxMessages messages;

	private final DeliveryReports reports;

	private final InboundMessages inbound;

	private final JsonMapper json;

	private final String secret;

	SandboxWebhookController(SandboxMessages messages, DeliveryReports reports, InboundMessages inbound,
			JsonMapper json, NotificationProperties properties) {
		this.messages = messages;
		this.reports = reports;
		this.inbound = inbound;
		this.json = json;
		this.secret = properties.sandbox().webhookSecret();
	}

	@PostMapping(path = "/webhooks/sms/sandbox", consumes = MediaType.APPLICATION_JSON_VALUE)
	WebhookAnswer receive(@RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
			@RequestBody byte[] body) {
		WebhookSignatures.verify(this.secret, body, signature, SIGNATURE_HEADER);
		SandboxCallback callback = parse(body);
		if (callback.isReport()) {
			return report(callback);
		}
		if (callback.isInbound()) {
			return inbound(callback);
		}
		throw ApiException.invalid(List.of(FieldViolation.of("messageId", "a delivery report needs messageId"),
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
			throw ApiException.invalid(errors);
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
		if (!errors.isEmpty()) {
			throw ApiException.invalid(errors);
		}
		return switch (this.inbound.received(phone.get(), channel.get(), callback.text())) {
			case OPTED_OUT -> new WebhookAnswer("opted-out");
			case OPTED_IN -> new WebhookAnswer("opted-in");
			case UNCHANGED -> new WebhookAnswer("unchanged");
			case NO_KEYWORD -> new WebhookAnswer("no-keyword");
		};
	}

	private static Optional<NotificationStatus> statusOf(String status) {
		if (status == null) {
			return Optional.empty();
		}
		return REPORTABLE.stream().filter((s) -> s.name().equals(status.trim().toUpperCase(Locale.ROOT))).findFirst();
	}

	private SandboxCallback parse(byte[] body) {
		try {
			return this.json.readValue(body, SandboxCallback.class);
		}
		catch (JacksonException ex) {
			throw ApiException.invalid("body", "must be a JSON object of a delivery report or an inbound text");
		}
	}

	/** What the call changed: applied, ignored, unknown-message, opted-out, ... */
	record WebhookAnswer(String outcome) {

	}

}
