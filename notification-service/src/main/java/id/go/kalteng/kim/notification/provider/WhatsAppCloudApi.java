package id.go.kalteng.kim.notification.provider;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent.WhatsAppTemplate;
import id.go.kalteng.kim.notification.delivery.ChannelProvider;
import id.go.kalteng.kim.notification.delivery.ChannelUnreachableException;
import id.go.kalteng.kim.notification.delivery.MessageRefusedException;
import id.go.kalteng.kim.notification.delivery.NotificationProperties;
import id.go.kalteng.kim.notification.delivery.OutboundMessage;
import id.go.kalteng.kim.notification.delivery.ProviderThrottledException;
import id.go.kalteng.kim.notification.delivery.ProviderUnavailableException;
import id.go.kalteng.kim.notification.delivery.SendReceipt;
import id.go.kalteng.kim.notification.tracking.Channel;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * WhatsApp Cloud API (Meta Graph API): {@code POST {base}/{phone-number-id}/messages}
 * with a Bearer token. Inside the phone's 24-hour conversation window the text goes as it
 * is; outside it (business-initiated) in an approved template: the one the broadcast
 * named, or the configured default carrying the text as its one body variable. Every
 * message carries the notification id as {@code biz_opaque_callback_data}, which status
 * webhooks echo. Error codes: 130429 (and the other rate limits) throttled; 131047
 * outside the window → the template; 131026 undeliverable (not on WhatsApp) → the channel
 * cannot reach the phone; 5xx and the temporary codes → retried; the rest refused for
 * good.
 */
class WhatsAppCloudApi implements ChannelProvider {

	/**
	 * Rate limits: cloud API throughput, pair rate, spam rate, app and account limits.
	 */
	static final Set<Integer> THROTTLED = Set.of(130429, 131056, 131048, 80007, 4, 613);

	/** More than 24 hours since the phone's last message: only a template may go. */
	static final int OUTSIDE_WINDOW = 131047;

	/** Undeliverable: the number is not on WhatsApp, or cannot receive this message. */
	static final Set<Integer> UNREACHABLE = Set.of(131026);

	/** The provider's trouble, not the message's: tried again after a backoff. */
	static final Set<Integer> TEMPORARY = Set.of(1, 2, 131000, 131016, 133004, 190, 0, 10, 200, 131031, 131042);

	private final NotificationProperties.WhatsApp settings;

	private final ProviderHttp http;

	private final JsonMapper json;

	private final URI messages;

	WhatsAppCloudApi(NotificationProperties.WhatsApp settings, ProviderHttp http, JsonMapper json) {
		this.settings = settings;
		this.http = http;
		this.json = json;
		String base = settings.baseUrl().endsWith("/") ? settings.baseUrl() : settings.baseUrl() + "/";
		this.messages = URI.create(base + settings.phoneNumberId() + "/messages");
	}

	@Override
	public Channel channel() {
		return Channel.WHATSAPP;
	}

	@Override
	public String name() {
		return NotificationProperties.CLOUD_API;
	}

	@Override
	public boolean idempotentSends() {
		// the Cloud API has no idempotency key: a resend could reach the phone twice
		return false;
	}

	@Override
	public boolean usesConversationWindow() {
		return true;
	}

	@Override
	public SendReceipt send(OutboundMessage message) {
		if (message.freeText()) {
			try {
				return post(textBody(message), false);
			}
			catch (OutsideWindowException ex) {
				// the window closed after all (our record of it is a little late): the
				// template may go
			}
		}
		try {
			return post(templateBody(message), true);
		}
		catch (OutsideWindowException ex) {
			throw new ChannelUnreachableException("whatsapp-outside-window", ex.getMessage());
		}
	}

	private SendReceipt post(ObjectNode body, boolean template) {
		ProviderHttp.Answer answer = this.http.post(this.messages,
				Map.of("Authorization", "Bearer " + this.settings.token()), "application/json", body.toString());
		JsonNode parsed = parse(answer.body());
		if (answer.ok()) {
			String id = (parsed != null) ? parsed.path("messages").path(0).path("id").asString(null) : null;
			if (id == null || id.isBlank()) {
				// it answered success: the message may be out, but we cannot tell which
				throw new ProviderHttp.OutcomeUnknownException(
						"WhatsApp answered " + answer.status() + " without messages[0].id", null);
			}
			return new SendReceipt(id);
		}
		JsonNode error = (parsed != null) ? parsed.path("error") : null;
		int code = (error != null && error.path("code").isNumber()) ? error.path("code").asInt() : -1;
		String detail = "WhatsApp answered " + answer.status() + ((code >= 0) ? " code " + code : "")
				+ ((error != null) ? ": " + error.path("message").asString("") + " "
						+ error.path("error_data").path("details").asString("") : "");
		if (THROTTLED.contains(code) || answer.status() == 429) {
			throw new ProviderThrottledException(detail);
		}
		if (code == OUTSIDE_WINDOW) {
			throw new OutsideWindowException(detail);
		}
		if (UNREACHABLE.contains(code)) {
			throw new ChannelUnreachableException("whatsapp-undeliverable", detail);
		}
		if (answer.status() >= 500 || TEMPORARY.contains(code) || answer.status() == 401) {
			throw new ProviderUnavailableException(detail);
		}
		throw new MessageRefusedException((code >= 0) ? "whatsapp-" + code : "whatsapp-http-" + answer.status(),
				detail + (template ? " (template)" : ""));
	}

	private JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private ObjectNode envelope(OutboundMessage message, String type) {
		ObjectNode body = this.json.createObjectNode();
		body.put("messaging_product", "whatsapp");
		body.put("recipient_type", "individual");
		body.put("to", message.phone().startsWith("+") ? message.phone().substring(1) : message.phone());
		body.put("type", type);
		body.put("biz_opaque_callback_data", message.notificationId());
		return body;
	}

	ObjectNode textBody(OutboundMessage message) {
		ObjectNode body = envelope(message, "text");
		ObjectNode text = body.putObject("text");
		text.put("preview_url", false);
		text.put("body", message.text());
		return body;
	}

	ObjectNode templateBody(OutboundMessage message) {
		WhatsAppTemplate named = message.whatsappTemplate();
		String name = (named != null && named.name() != null) ? named.name() : this.settings.defaultTemplate();
		String language = (named != null && named.language() != null) ? named.language()
				: this.settings.templateLanguage();
		List<String> variables = (named != null) ? ((named.variables() != null) ? named.variables() : List.of())
				: List.of(message.text());
		ObjectNode body = envelope(message, "template");
		ObjectNode template = body.putObject("template");
		template.put("name", name);
		template.putObject("language").put("code", language);
		if (!variables.isEmpty()) {
			ObjectNode component = template.putArray("components").addObject();
			component.put("type", "body");
			ArrayNode parameters = component.putArray("parameters");
			for (String variable : variables) {
				parameters.addObject().put("type", "text").put("text", variable);
			}
		}
		return body;
	}

	/** 131047: the free text came outside the window; a template may still go. */
	private static final class OutsideWindowException extends RuntimeException {

		OutsideWindowException(String message) {
			super(message);
		}

	}

}
