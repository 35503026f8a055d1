package id.go.kalteng.kim.notification.template;

import java.util.List;

import id.go.kalteng.kim.contracts.notification.WhatsAppTemplatesPublishedEvent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The WhatsApp message templates approved for this deployment's business number, as the
 * deployer lists them ({@code kim.notification.whatsapp.templates[i].name} …, or
 * {@code KIM_NOTIFICATION_WHATSAPP_TEMPLATES_0_NAME} …): what a request's
 * {@code whatsappTemplate} may name. The {@code local} profile lists the demo templates.
 *
 * @param templates the approved templates; empty: no request may name a template (the
 * default template still carries plain messages)
 */
@ConfigurationProperties("kim.notification.whatsapp")
public record WhatsAppTemplateSettings(@DefaultValue List<Template> templates) {

	public WhatsAppTemplateSettings {
		for (Template template : templates) {
			if (template.name() == null || template.name().isBlank() || template.language() == null
					|| template.language().isBlank() || template.variables() < 0) {
				throw new IllegalStateException("kim.notification.whatsapp.templates: every template needs a name, a"
						+ " language and a number of variables (0 or more); got " + template);
			}
		}
		templates = List.copyOf(templates);
	}

	/**
	 * One approved template.
	 *
	 * @param name its name as approved by Meta
	 * @param language its language code, e.g. {@code id}
	 * @param category {@code UTILITY}, {@code MARKETING} or {@code AUTHENTICATION}
	 * @param variables how many body variables it takes
	 * @param body its body text with the placeholders {@code {{1}}} …
	 */
	public record Template(String name, @DefaultValue("id") String language, @DefaultValue("UTILITY") String category,
			int variables, String body) {

		WhatsAppTemplatesPublishedEvent.Template published() {
			return new WhatsAppTemplatesPublishedEvent.Template(this.name, this.language, this.category, this.variables,
					this.body);
		}

	}

}
