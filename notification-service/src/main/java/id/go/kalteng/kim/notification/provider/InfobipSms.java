package id.go.kalteng.kim.notification.provider;

import java.net.URI;
import java.util.Map;

import id.go.kalteng.kim.notification.delivery.ChannelProvider;
import id.go.kalteng.kim.notification.delivery.MessageRefusedException;
import id.go.kalteng.kim.notification.delivery.NotificationProperties;
import id.go.kalteng.kim.notification.delivery.OutboundMessage;
import id.go.kalteng.kim.notification.delivery.ProviderThrottledException;
import id.go.kalteng.kim.notification.delivery.ProviderUnavailableException;
import id.go.kalteng.kim.notification.delivery.SendReceipt;
import id.go.kalteng.kim.notification.delivery.WebhookSignatures;
import id.go.kalteng.kim.notification.tracking.Channel;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Infobip-style SMS gateway: {@code POST {base}/sms/2/text/advanced} with
 * {@code Authorization: App {key}}. The destination's {@code messageId} is the
 * notification id, so delivery reports (at {@code notifyUrl}, {@code POST
 * /webhooks/sms/infobip}) name the notification directly. Answers: 2xx with each
 * message's status group (PENDING / DELIVERED taken; REJECTED refused, unless for credit,
 * which passes); 400 refused; 401/403 (a key problem) and 5xx retried; 429 throttled.
 */
class InfobipSms implements ChannelProvider {

	/** Infobip's status groups. */
	static final int PENDING = 1;

	static final int UNDELIVERABLE = 2;

	static final int DELIVERED = 3;

	static final int EXPIRED = 4;

	static final int REJECTED = 5;

	private final NotificationProperties.Infobip settings;

	private final ProviderHttp http;

	private final JsonMapper json;

	private final URI endpoint;

	private final String notifyUrl;

	InfobipSms(NotificationProperties properties, ProviderHttp http, JsonMapper json) {
		this.settings = properties.infobip();
		this.http = http;
		this.json = json;
		String base = this.settings.baseUrl().endsWith("/")
				? this.settings.baseUrl().substring(0, this.settings.baseUrl().length() - 1) : this.settings.baseUrl();
		this.endpoint = URI.create(base + "/sms/2/text/advanced");
		this.notifyUrl = properties.callbackUrl(InfobipWebhookController.PATH) + "?key="
				+ callbackKey(this.settings.apiKey());
	}

	/**
	 * The key in the report URL we give Infobip: reports carry no signature, so only a
	 * caller who knows this URL (derived from the API key) can report.
	 */
	static String callbackKey(String apiKey) {
		return WebhookSignatures.hmacHex(apiKey, "kim-infobip-delivery-reports");
	}

	@Override
	public Channel channel() {
		return Channel.SMS;
	}

	@Override
	public String name() {
		return NotificationProperties.INFOBIP;
	}

	@Override
	public boolean idempotentSends() {
		return false;
	}

	@Override
	public boolean reportsByMessageId() {
		// its message id is the notification id
		return false;
	}

	ObjectNode body(OutboundMessage message) {
		ObjectNode body = this.json.createObjectNode();
		ObjectNode sms = body.putArray("messages").addObject();
		sms.putArray("destinations")
			.addObject()
			.put("to", message.phone().startsWith("+") ? message.phone().substring(1) : message.phone())
			.put("messageId", message.notificationId());
		sms.put("from", this.settings.sender());
		sms.put("text", message.text());
		sms.put("notifyUrl", this.notifyUrl);
		sms.put("notifyContentType", "application/json");
		sms.put("callbackData", message.notificationId());
		return body;
	}

	@Override
	public SendReceipt send(OutboundMessage message) {
		ProviderHttp.Answer answer = this.http.post(this.endpoint,
				Map.of("Authorization", "App " + this.settings.apiKey()), "application/json", body(message).toString());
		JsonNode parsed = parse(answer.body());
		if (answer.ok()) {
			JsonNode sent = (parsed != null) ? parsed.path("messages").path(0) : null;
			if (sent == null || sent.isMissingNode()) {
				throw new ProviderHttp.OutcomeUnknownException(
						"Infobip answered " + answer.status() + " without messages[0]", null);
			}
			JsonNode status = sent.path("status");
			int group = status.path("groupId").asInt(PENDING);
			String name = status.path("name").asString("");
			if (group == REJECTED || group == UNDELIVERABLE || group == EXPIRED) {
				String detail = "Infobip: " + name + " " + status.path("description").asString("");
				if (name.contains("NOT_ENOUGH_CREDITS")) {
					throw new ProviderUnavailableException(detail);
				}
				throw new MessageRefusedException("sms-" + name.toLowerCase().replace('_', '-'), detail);
			}
			return new SendReceipt(sent.path("messageId").asString(message.notificationId()));
		}
		String detail = "Infobip answered " + answer.status() + ": " + ((parsed != null)
				? parsed.path("requestError").path("serviceException").path("text").asString("") : "");
		if (answer.status() == 429) {
			throw new ProviderThrottledException(detail);
		}
		if (answer.status() >= 500 || answer.status() == 401 || answer.status() == 403) {
			throw new ProviderUnavailableException(detail);
		}
		throw new MessageRefusedException("sms-http-" + answer.status(), detail);
	}

	private JsonNode parse(String body) {
		try {
			return (body == null || body.isBlank()) ? null : this.json.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
