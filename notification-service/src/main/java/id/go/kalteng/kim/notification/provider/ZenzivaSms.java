package id.go.kalteng.kim.notification.provider;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import id.go.kalteng.kim.notification.delivery.ChannelProvider;
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

/**
 * A Zenziva-style SMS gateway: a form POST of {@code userkey, passkey, to, message} to
 * {@code {base}/sendsms/}, answered in JSON with {@code messageId}, {@code status}
 * ({@code 1} = taken) and {@code text}. A refusal for the number or the message (invalid
 * number, empty or too long text) is for good; anything else (wrong key, no balance,
 * unregistered IP, the gateway's trouble) passes once fixed: retried, and the breaker
 * holds the channel meanwhile.
 */
class ZenzivaSms implements ChannelProvider {

	private final NotificationProperties.Zenziva settings;

	private final ProviderHttp http;

	private final JsonMapper json;

	private final URI endpoint;

	ZenzivaSms(NotificationProperties.Zenziva settings, ProviderHttp http, JsonMapper json) {
		this.settings = settings;
		this.http = http;
		this.json = json;
		String base = settings.baseUrl().endsWith("/") ? settings.baseUrl() : settings.baseUrl() + "/";
		this.endpoint = URI.create(base + "sendsms/");
	}

	@Override
	public Channel channel() {
		return Channel.SMS;
	}

	@Override
	public String name() {
		return NotificationProperties.ZENZIVA;
	}

	@Override
	public boolean idempotentSends() {
		return false;
	}

	@Override
	public boolean deliveryReports() {
		// no delivery reports are taken from it: its SENT is final
		return false;
	}

	@Override
	public boolean reportsByMessageId() {
		// no delivery reports are taken from it
		return false;
	}

	String form(OutboundMessage message) {
		String to = message.phone().startsWith("+62") ? "0" + message.phone().substring(3) : message.phone();
		return "userkey=" + encode(this.settings.userkey()) + "&passkey=" + encode(this.settings.passkey()) + "&to="
				+ encode(to) + "&message=" + encode(message.text());
	}

	@Override
	public SendReceipt send(OutboundMessage message) {
		ProviderHttp.Answer answer = this.http.post(this.endpoint, Map.of(), "application/x-www-form-urlencoded",
				form(message));
		if (answer.status() == 429) {
			throw new ProviderThrottledException("Zenziva answered 429");
		}
		if (answer.status() >= 500) {
			throw new ProviderUnavailableException("Zenziva answered " + answer.status());
		}
		JsonNode parsed = parse(answer.body());
		if (parsed == null) {
			if (answer.ok()) {
				throw new ProviderHttp.OutcomeUnknownException("Zenziva answered " + answer.status() + " without JSON",
						null);
			}
			throw new ProviderUnavailableException("Zenziva answered " + answer.status());
		}
		String status = parsed.path("status").asString("");
		String text = parsed.path("text").asString("");
		if ("1".equals(status)) {
			String id = parsed.path("messageId").asString("");
			return new SendReceipt(id.isBlank() ? null : id);
		}
		String detail = "Zenziva: status " + status + " " + text;
		String lower = text.toLowerCase(Locale.ROOT);
		if (lower.contains("tidak valid") || lower.contains("invalid") || lower.contains("nomor")
				|| lower.contains("kosong") || lower.contains("empty") || lower.contains("terlalu panjang")) {
			throw new MessageRefusedException("sms-refused", detail);
		}
		throw new ProviderUnavailableException(detail);
	}

	private JsonNode parse(String body) {
		try {
			JsonNode node = (body == null || body.isBlank()) ? null : this.json.readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode((value != null) ? value : "", StandardCharsets.UTF_8);
	}

}
