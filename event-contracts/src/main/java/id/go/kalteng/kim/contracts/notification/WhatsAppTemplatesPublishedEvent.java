package id.go.kalteng.kim.contracts.notification;

import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.contracts.Topics;

/**
 * The WhatsApp message templates notification-service can send (approved for the business
 * number it uses), published whole at start-up and whenever the list changes; the latest
 * one replaces every earlier one. Other services validate a broadcast's
 * {@code whatsappTemplate} against it. Keyed by {@link #KEY}.
 *
 * @param templates every template that can be sent, by name and language
 * @param publishedAt when the list was published
 */
@EventType(value = WhatsAppTemplatesPublishedEvent.TYPE, topic = Topics.NOTIFICATION_EVENTS)
public record WhatsAppTemplatesPublishedEvent(List<Template> templates, Instant publishedAt) implements KimEvent {

	public static final String TYPE = "kim.notification.whatsapp-templates-published.v1";

	/** The key of every such event: one list, one partition, in order. */
	public static final String KEY = "whatsapp-templates";

	/**
	 * One approved template.
	 *
	 * @param name its name as approved by Meta
	 * @param language its language code, e.g. {@code id}
	 * @param category {@code UTILITY}, {@code MARKETING} or {@code AUTHENTICATION}
	 * @param variables how many body variables ({@code {{1}}, {{2}} ...}) it takes
	 * @param body the body text with its placeholders, to show an operator what will be
	 * sent
	 */
	public record Template(String name, String language, String category, int variables, String body) {

	}

	@Override
	public String aggregateId() {
		return KEY;
	}

	/** The whole province ({@code 62}): the list serves every kabupaten. */
	@Override
	public String kabupaten() {
		return "62";
	}

}
