package id.go.kalteng.kim.console.web;

import java.util.List;

import id.go.kalteng.kim.console.api.ApiProblem;
import id.go.kalteng.kim.console.api.GatewayApi;
import id.go.kalteng.kim.console.api.Views.Group;
import id.go.kalteng.kim.console.api.Views.Member;
import id.go.kalteng.kim.console.security.ConsoleUser;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The register: groups by kabupaten and status with the 3..30 members check at a glance,
 * and a group's page with its members. Phone numbers are personal data: shown in full to
 * operators and to the group's own coordinator, masked for everyone else.
 */
@Controller
class GroupPages {

	static final List<String> STATUSES = List.of("FORMING", "ACTIVE", "SUSPENDED", "DISSOLVED");

	private static final int PAGE_SIZE = 20;

	private final GatewayApi api;

	private final GroupRegisterPages register;

	GroupPages(GatewayApi api, GroupRegisterPages register) {
		this.api = api;
		this.register = register;
	}

	@GetMapping("/kelompok")
	String list(@ModelAttribute("user") ConsoleUser user, @RequestParam(required = false) String kabupaten,
			@RequestParam(required = false) String status, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int page, Model model) {
		String scope = user.isAgency() ? user.kabupaten() : blankToNull(kabupaten);
		model.addAttribute("kabupatenList", this.api.kabupaten());
		model.addAttribute("statuses", STATUSES);
		model.addAttribute("selectedKabupaten", scope);
		model.addAttribute("selectedStatus", blankToNull(status));
		model.addAttribute("q", q);
		model.addAttribute("groups",
				this.api.groups(scope, blankToNull(status), blankToNull(q), Math.max(0, page), PAGE_SIZE));
		return "groups";
	}

	@GetMapping("/kelompok/{id}")
	String group(@ModelAttribute("user") ConsoleUser user, @PathVariable String id, Model model) {
		if (!model.containsAttribute("memberForm")) {
			model.addAttribute("memberForm", new MemberForm());
		}
		Group group = this.api.group(id);
		boolean fullPhones = user.isOperator() || (user.isCoordinator() && id.equals(user.group()));
		List<Member> members = this.api.members(id)
			.items()
			.stream()
			.map((m) -> fullPhones ? m
					: new Member(m.id(), m.name(), mask(m.phone()), m.gender(), m.ageGroup(), m.occupation(), m.role(),
							m.whatsapp()))
			.toList();
		model.addAttribute("group", group);
		model.addAttribute("members", members);
		model.addAttribute("phonesMasked", !fullPhones);
		// officers, partnerships and the Forum KIM (GroupRegisterPages)
		this.register.describe(user, group, members, model);
		return "group";
	}

	/**
	 * Adds a member; the API decides who may (operators, the kabupaten's agency, the
	 * group's coordinator). A refusal keeps what was typed and says why.
	 */
	@PostMapping("/kelompok/{id}/anggota")
	String addMember(@ModelAttribute("user") ConsoleUser user, @PathVariable String id,
			@ModelAttribute("memberForm") MemberForm form, Model model, RedirectAttributes redirect) {
		try {
			this.api.addMember(id, form.body(), form.getRequestKey());
			redirect.addFlashAttribute("notice", "Anggota ditambahkan.");
			return "redirect:/kelompok/" + id;
		}
		catch (ApiProblem problem) {
			if (problem.status() == 401) {
				throw problem;
			}
			model.addAttribute("problem", problem);
			return group(user, id, model);
		}
	}

	/** {@code +6281234567890} becomes {@code +62812*****890}. */
	static String mask(String phone) {
		if (phone == null || phone.length() < 8) {
			return "*****";
		}
		return phone.substring(0, 6) + "*".repeat(phone.length() - 9) + phone.substring(phone.length() - 3);
	}

	static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
