package id.go.kalteng.kim.console.web;

import java.util.Map;

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
 * Four eyes: what waits for approval, and beside each message exactly whom it reaches
 * (recipients by kabupaten and channel). Its author gets no approve button; the API
 * refuses the author anyway, and that answer is shown as it comes.
 */
@Controller
class ApprovalPages {

	private final GatewayApi api;

	private final BroadcastPages broadcasts;

	ApprovalPages(GatewayApi api, BroadcastPages broadcasts) {
		this.api = api;
		this.broadcasts = broadcasts;
	}

	@GetMapping("/persetujuan")
	String queue(@RequestParam(defaultValue = "0") int page, Model model) {
		model.addAttribute("broadcasts", this.api.broadcasts("PENDING_APPROVAL", Math.max(0, page), 20));
		return "approvals";
	}

	@GetMapping("/persetujuan/{id}")
	String review(@ModelAttribute("user") ConsoleUser user, @PathVariable String id, Model model) {
		Versioned<Broadcast> broadcast = this.api.broadcast(id);
		model.addAttribute("broadcast", broadcast.body());
		model.addAttribute("etag", broadcast.etag());
		model.addAttribute("sms", SmsSegments.of(broadcast.body().message()));
		model.addAttribute("preview", this.api.preview(id));
		model.addAttribute("ownBroadcast", user.id().equals(broadcast.body().author()));
		return "approval";
	}

	@PostMapping("/persetujuan/{id}/setujui")
	String approve(@PathVariable String id, @RequestParam(required = false) String etag, RedirectAttributes redirect) {
		return this.broadcasts.command(id, "approve", etag, Map.of(),
				"Siaran disetujui dan mulai dikirim. Pantau pengirimannya di sini.",
				"redirect:/siaran/" + id + "/langsung", redirect);
	}

	@PostMapping("/persetujuan/{id}/tolak")
	String reject(@PathVariable String id, @RequestParam(required = false) String etag,
			@RequestParam(required = false) String reason, RedirectAttributes redirect) {
		if (reason == null || reason.isBlank()) {
			redirect.addFlashAttribute("formError", "Tuliskan alasan penolakan.");
			return "redirect:/persetujuan/" + id;
		}
		return this.broadcasts.command(id, "reject", etag, Map.of("reason", reason.strip()),
				"Siaran ditolak; penulis melihat alasannya.", "redirect:/siaran/" + id, redirect);
	}

}
