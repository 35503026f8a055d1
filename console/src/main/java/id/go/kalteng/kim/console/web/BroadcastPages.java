package id.go.kalteng.kim.console.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import id.go.kalteng.kim.console.api.ApiProblem;
import id.go.kalteng.kim.console.api.GatewayApi;
import id.go.kalteng.kim.console.api.Views.Broadcast;
import id.go.kalteng.kim.console.api.Views.Versioned;
import id.go.kalteng.kim.console.security.ConsoleUser;
import id.go.kalteng.kim.console.sms.SmsSegments;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Broadcasts: the list, the composer (draft, live SMS segments and recipient count,
 * submit) and a broadcast's page. The composer keeps what the user typed when the API
 * refuses it, and says why.
 */
@Controller
class BroadcastPages {

	static final List<String> STATUSES = List.of("DRAFT", "PENDING_APPROVAL", "APPROVED", "SCHEDULED", "SENDING",
			"COMPLETED", "REJECTED", "CANCELLED", "EXPIRED");

	private final GatewayApi api;

	BroadcastPages(GatewayApi api) {
		this.api = api;
	}

	@GetMapping("/siaran")
	String list(@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
			Model model) {
		model.addAttribute("statuses", STATUSES);
		model.addAttribute("selectedStatus", GroupPages.blankToNull(status));
		model.addAttribute("broadcasts", this.api.broadcasts(GroupPages.blankToNull(status), Math.max(0, page), 20));
		return "broadcasts";
	}

	@GetMapping("/siaran/baru")
	String compose(Model model) {
		return composer(new BroadcastForm(), model);
	}

	@GetMapping("/siaran/{id}/ubah")
	String edit(@PathVariable String id, Model model) {
		Versioned<Broadcast> broadcast = this.api.broadcast(id);
		model.addAttribute("preview", this.api.preview(id));
		return composer(BroadcastForm.of(broadcast.body(), broadcast.etag()), model);
	}

	/**
	 * The composer's buttons: save the draft, or save and submit it for approval.
	 */
	@PostMapping("/siaran/susun")
	String save(@ModelAttribute("form") BroadcastForm form, @RequestParam(defaultValue = "draft") String action,
			Model model, RedirectAttributes redirect) {
		List<String> missing = form.missing();
		if (!missing.isEmpty()) {
			model.addAttribute("formError", "Lengkapi dulu: " + String.join(", ", missing) + ".");
			return composer(form, model);
		}
		try {
			Versioned<Broadcast> saved = saveDraft(form);
			if ("submit".equals(action)) {
				this.api.command(saved.body().id(), "submit", saved.etag(), Map.of());
				redirect.addFlashAttribute("notice", "Siaran diajukan. Menunggu persetujuan operator lain.");
			}
			else {
				redirect.addFlashAttribute("notice", "Draf disimpan.");
			}
			return "redirect:/siaran/" + saved.body().id();
		}
		catch (ApiProblem problem) {
			if (problem.status() == 401) {
				throw problem;
			}
			model.addAttribute("problem", problem);
			return composer(form, model);
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("formError", ex.getMessage());
			return composer(form, model);
		}
	}

	/**
	 * htmx, as the user edits: saves the draft (made on the first complete form) and
	 * answers how many it would reach by kabupaten and channel, with the draft's id and
	 * version for the next save.
	 */
	@PostMapping("/siaran/perkiraan")
	String estimate(@ModelAttribute("form") BroadcastForm form, Model model) {
		List<String> missing = form.missing();
		if (!missing.isEmpty()) {
			model.addAttribute("estimateNote",
					"Isi " + String.join(", ", missing) + " untuk menghitung penerima (draf disimpan otomatis).");
			return "compose :: estimate";
		}
		try {
			Versioned<Broadcast> saved = saveDraft(form);
			form.setId(saved.body().id());
			form.setEtag(saved.etag());
			model.addAttribute("preview", this.api.preview(saved.body().id()));
			model.addAttribute("estimateNote", "Draf disimpan otomatis.");
		}
		catch (ApiProblem problem) {
			if (problem.status() == 401) {
				throw problem;
			}
			model.addAttribute("estimateProblem", problem);
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("estimateNote", ex.getMessage());
		}
		return "compose :: estimate";
	}

	/** htmx, as the user types: the SMS encoding and segment count. */
	@PostMapping("/siaran/segmen")
	String segments(@RequestParam(required = false) String message, Model model) {
		model.addAttribute("sms", SmsSegments.of(message));
		return "compose :: segments";
	}

	/** htmx, when a template is picked: its body and one field per variable. */
	@PostMapping("/siaran/templat")
	String templateVariables(@ModelAttribute("form") BroadcastForm form, Model model) {
		selectTemplate(form, whatsappTemplates(), model);
		return "compose :: templateVariables";
	}

	@GetMapping("/siaran/{id}")
	String show(@ModelAttribute("user") ConsoleUser user, @PathVariable String id, Model model) {
		Versioned<Broadcast> broadcast = this.api.broadcast(id);
		model.addAttribute("broadcast", broadcast.body());
		model.addAttribute("etag", broadcast.etag());
		model.addAttribute("sms", SmsSegments.of(broadcast.body().message()));
		if (broadcast.body().isDraft() || broadcast.body().isPending()) {
			model.addAttribute("preview", this.api.preview(id));
		}
		return "broadcast";
	}

	@PostMapping("/siaran/{id}/ajukan")
	String submit(@PathVariable String id, @RequestParam(required = false) String etag, RedirectAttributes redirect) {
		return command(id, "submit", etag, Map.of(), "Siaran diajukan. Menunggu persetujuan operator lain.",
				"redirect:/siaran/" + id, redirect);
	}

	String command(String id, String command, String etag, Map<String, Object> body, String notice, String next,
			RedirectAttributes redirect) {
		try {
			this.api.command(id, command, etag, body);
			redirect.addFlashAttribute("notice", notice);
		}
		catch (ApiProblem problem) {
			if (problem.status() == 401) {
				throw problem;
			}
			redirect.addFlashAttribute("problem", problem);
		}
		return next;
	}

	/** The template picker's choices; without them the composer takes a typed name. */
	private List<Map<String, Object>> whatsappTemplates() {
		try {
			return this.api.whatsappTemplates();
		}
		catch (ApiProblem problem) {
			if (problem.status() == 401) {
				throw problem;
			}
			return null;
		}
	}

	private Versioned<Broadcast> saveDraft(BroadcastForm form) {
		Map<String, Object> body = form.body();
		if (form.getId() == null || form.getId().isBlank()) {
			return this.api.draft(body, form.getRequestKey());
		}
		Versioned<Broadcast> edited = this.api.edit(form.getId(), form.getEtag(), body);
		if (sameTemplate(form.whatsappTemplate(), edited.body().whatsappTemplate())) {
			return edited;
		}
		// the API's edit takes a new template, but cannot take one away (a field left
		// out is unchanged): a template removed after the first save makes a new draft
		// with everything else, and the old one is cancelled
		Versioned<Broadcast> redrafted = this.api.draft(body, UUID.randomUUID().toString());
		try {
			this.api.command(edited.body().id(), "cancel", edited.etag(), Map.of());
		}
		catch (ApiProblem problem) {
			if (problem.status() == 401) {
				throw problem;
			}
			// the old draft stays a draft; the new one is what the user works on
		}
		return redrafted;
	}

	/**
	 * Whether the stored template is the one the form names (name, language, variables).
	 */
	static boolean sameTemplate(Map<String, Object> wanted, Map<String, Object> stored) {
		boolean none = stored == null || stored.get("name") == null;
		if (wanted == null) {
			return none;
		}
		if (none) {
			return false;
		}
		Object variables = (stored.get("variables") != null) ? stored.get("variables") : List.of();
		return wanted.get("name").equals(stored.get("name"))
				&& String.valueOf(wanted.get("language")).equals(String.valueOf(stored.get("language")))
				&& String.valueOf(wanted.get("variables")).equals(String.valueOf(variables));
	}

	/**
	 * The picked template (by name) and its variables' numbers, for the picker's fields.
	 */
	private static void selectTemplate(BroadcastForm form, List<Map<String, Object>> templates, Model model) {
		Map<String, Object> selected = null;
		if (templates != null && form.getWaTemplate() != null) {
			selected = templates.stream()
				.filter((t) -> form.getWaTemplate().equals(t.get("name")))
				.findFirst()
				.orElse(null);
		}
		int count = 0;
		if (selected != null && selected.get("variables") instanceof Number number) {
			count = Math.max(0, Math.min(10, number.intValue()));
		}
		model.addAttribute("selectedTemplate", selected);
		model.addAttribute("selectedTemplateVariables",
				java.util.stream.IntStream.rangeClosed(1, count).boxed().toList());
	}

	private String composer(BroadcastForm form, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("kabupatenList", this.api.kabupaten());
		model.addAttribute("sms", SmsSegments.of(form.getMessage()));
		List<Map<String, Object>> templates = whatsappTemplates();
		model.addAttribute("waTemplates", templates);
		selectTemplate(form, templates, model);
		return "compose";
	}

}
