package id.go.kalteng.kim.notification.template;

import java.util.List;

import id.go.kalteng.kim.contracts.notification.WhatsAppTemplatesPublishedEvent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The approved WhatsApp templates, read-only, for operators composing a broadcast. */
@RestController
@Tag(name = "WhatsApp templates", description = "The message templates approved for this deployment's number")
class WhatsAppTemplateController {

	private final WhatsAppTemplates templates;

	WhatsAppTemplateController(WhatsAppTemplates templates) {
		this.templates = templates;
	}

	@GetMapping("/api/whatsapp-templates")
	@PreAuthorize("hasRole('OPERATOR')")
	@Operation(operationId = "listWhatsAppTemplates", summary = "List the approved WhatsApp templates",
			description = "Name, language, category, number of body variables and body text of each.")
	TemplateList list() {
		return new TemplateList(this.templates.all());
	}

	/** The approved templates. */
	record TemplateList(List<WhatsAppTemplatesPublishedEvent.Template> items) {

	}

}
