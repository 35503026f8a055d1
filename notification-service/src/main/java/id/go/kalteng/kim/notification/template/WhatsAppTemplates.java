package id.go.kalteng.kim.notification.template;

import java.util.List;
import java.util.Optional;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.contracts.notification.WhatsAppTemplatesPublishedEvent;
import id.go.kalteng.kim.notification.tracking.Notification;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The approved WhatsApp templates of this deployment, and the check of a request's
 * {@code whatsappTemplate} against them: a template that is not approved, or given
 * another number of variables than it takes, would be refused by Meta (or send a broken
 * message), so such a request is FAILED at intake with a reason that says why.
 */
@Component
public class WhatsAppTemplates {

	private final List<WhatsAppTemplateSettings.Template> templates;

	private final String defaultLanguage;

	WhatsAppTemplates(WhatsAppTemplateSettings settings,
			@Value("${kim.notification.whatsapp.template-language:id}") String defaultLanguage) {
		this.templates = settings.templates();
		this.defaultLanguage = defaultLanguage;
	}

	/** Every approved template, as published. */
	public List<WhatsAppTemplatesPublishedEvent.Template> all() {
		return this.templates.stream().map(WhatsAppTemplateSettings.Template::published).toList();
	}

	/**
	 * Why a request's template cannot be sent, if it cannot.
	 * @return the reason ({@link Notification#UNKNOWN_TEMPLATE} or
	 * {@link Notification#TEMPLATE_VARIABLES}) and what is wrong; empty when the request
	 * names no template or an approved one with as many variables as it takes
	 */
	public Optional<Problem> problemOf(NotificationRequestedEvent.WhatsAppTemplate requested) {
		if (requested == null) {
			return Optional.empty();
		}
		String language = (requested.language() != null && !requested.language().isBlank()) ? requested.language()
				: this.defaultLanguage;
		Optional<WhatsAppTemplateSettings.Template> approved = this.templates.stream()
			.filter((t) -> t.name().equals(requested.name()) && t.language().equals(language))
			.findFirst();
		if (approved.isEmpty()) {
			return Optional.of(new Problem(Notification.UNKNOWN_TEMPLATE,
					"template '" + requested.name() + "' (" + language + ") is not approved for this number"));
		}
		int given = (requested.variables() != null) ? requested.variables().size() : 0;
		if (given != approved.get().variables()) {
			return Optional.of(new Problem(Notification.TEMPLATE_VARIABLES, "template '" + requested.name() + "' takes "
					+ approved.get().variables() + " variables, the request gave " + given));
		}
		return Optional.empty();
	}

	/**
	 * Why a template cannot be sent.
	 *
	 * @param reason the notification's reason
	 * @param detail what is wrong, for the log
	 */
	public record Problem(String reason, String detail) {

	}

}
