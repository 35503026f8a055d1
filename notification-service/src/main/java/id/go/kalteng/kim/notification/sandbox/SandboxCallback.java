package id.go.kalteng.kim.notification.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.FieldViolation;
import tools.jackson.databind.JsonNode;

/**
 * A call to the sandbox's SMS webhook: an inbound text ({@code from}, {@code text},
 * optional {@code channel}, SMS by default, optional {@code messageId}: the provider's id
 * of the inbound message) or else a delivery report ({@code messageId}, {@code status},
 * optional {@code reason}). Other fields (timestamps, provider details) are ignored.
 */
record SandboxCallback(String messageId, String status, String reason, String from, String text, String channel) {

	private static final List<String> FIELDS = List.of("messageId", "status", "reason", "from", "text", "channel");

	/**
	 * Reads a call's body.
	 * @throws DomainException 400 when the body is no JSON object (empty, {@code null},
	 * an array, a string ...) or one of the fields above is not a string
	 */
	static SandboxCallback of(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw DomainException.invalid("body", "must be a JSON object: a delivery report or an inbound text");
		}
		List<FieldViolation> errors = new ArrayList<>();
		for (String field : FIELDS) {
			JsonNode value = body.get(field);
			if (value != null && !value.isNull() && !value.isString()) {
				errors.add(FieldViolation.of(field,
						"must be a string, not " + value.getNodeType().name().toLowerCase(Locale.ROOT)));
			}
		}
		if (!errors.isEmpty()) {
			throw DomainException.invalid(errors);
		}
		return new SandboxCallback(string(body, "messageId"), string(body, "status"), string(body, "reason"),
				string(body, "from"), string(body, "text"), string(body, "channel"));
	}

	private static String string(JsonNode body, String field) {
		JsonNode value = body.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	boolean isInbound() {
		return this.from != null || this.text != null;
	}

	boolean isReport() {
		return !isInbound() && (this.messageId != null || this.status != null);
	}

}
