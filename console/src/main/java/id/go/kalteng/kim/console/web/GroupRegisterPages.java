package id.go.kalteng.kim.console.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import id.go.kalteng.kim.console.api.ApiProblem;
import id.go.kalteng.kim.console.api.GatewayApi;
import id.go.kalteng.kim.console.api.Views.Forum;
import id.go.kalteng.kim.console.api.Views.ForumCoordinator;
import id.go.kalteng.kim.console.api.Views.Group;
import id.go.kalteng.kim.console.api.Views.Member;
import id.go.kalteng.kim.console.api.Views.Partnership;
import id.go.kalteng.kim.console.api.Views.Versioned;
import id.go.kalteng.kim.console.security.ConsoleUser;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The group page's register work beside its members: the officers (appoint, replace,
 * relieve), the partnerships with agencies (form, end) and the kabupaten's Forum KIM
 * (establish, join, leave). The API decides who may do what; the page offers only what
 * the user's role may (operators everywhere, an agency in its own kabupaten, a
 * coordinator the members of its own group), and a refusal is told in words.
 */
@Controller
class GroupRegisterPages {

	/** The three officers of a group, in the order the page lists them. */
	static final List<String> OFFICERS = List.of("KETUA", "SEKRETARIS", "BENDAHARA");

	private static final Map<String, String> ROLE_WORDS = Map.of("KETUA", "Ketua", "SEKRETARIS", "Sekretaris",
			"BENDAHARA", "Bendahara");

	private final GatewayApi api;

	GroupRegisterPages(GatewayApi api) {
		this.api = api;
	}

	/** Members (and officers) of this group may be changed by the user. */
	static boolean mayManageMembers(ConsoleUser user, Group group) {
		return user.isOperator()
				|| (user.isAgency() && group.kabupaten() != null && group.kabupaten().equals(user.kabupaten()))
				|| (user.isCoordinator() && group.id().equals(user.group()));
	}

	/** The group itself (partnerships, forum) may be changed by the user. */
	static boolean mayManageGroup(ConsoleUser user, Group group) {
		return user.isOperator()
				|| (user.isAgency() && group.kabupaten() != null && group.kabupaten().equals(user.kabupaten()));
	}

	/**
	 * What the group page shows beside its members: officers, partnerships and the Forum
	 * KIM, with what the user may do with them.
	 */
	void describe(ConsoleUser user, Group group, List<Member> members, Model model) {
		Map<String, Member> officers = new LinkedHashMap<>();
		OFFICERS.forEach((role) -> officers.put(role, null));
		for (Member member : members) {
			if (member.role() != null && officers.containsKey(member.role()) && officers.get(member.role()) == null) {
				officers.put(member.role(), member);
			}
		}
		model.addAttribute("officers", officers);
		model.addAttribute("mayManageMembers", mayManageMembers(user, group));
		model.addAttribute("mayManageGroup", mayManageGroup(user, group));
		// a section that cannot be read says so; the rest of the page stays
		List<Partnership> partnerships = List.of();
		try {
			partnerships = this.api.partnerships(group.id());
		}
		catch (ApiProblem problem) {
			unreadable(problem, "partnershipsProblem", model);
		}
		model.addAttribute("partnerships", partnerships);
		if (!model.containsAttribute("partnershipKey")) {
			model.addAttribute("partnershipKey", UUID.randomUUID().toString());
		}
		Forum forum = null;
		try {
			forum = (group.kabupaten() != null) ? this.api.forumOf(group.kabupaten()) : null;
		}
		catch (ApiProblem problem) {
			unreadable(problem, "forumProblem", model);
		}
		model.addAttribute("forum", forum);
		if (forum != null) {
			Map<String, String> names = new LinkedHashMap<>();
			for (Member member : members) {
				names.put(member.id(), member.name());
			}
			List<Map<String, String>> here = new ArrayList<>();
			for (ForumCoordinator coordinator : forum.coordinators()) {
				if (group.id().equals(coordinator.groupId())) {
					here.add(Map.of("name", names.getOrDefault(coordinator.memberId(), "(bukan anggota lagi)"),
							"position", coordinator.position()));
				}
			}
			model.addAttribute("forumCoordinatorsHere", here);
			model.addAttribute("forumGroupNames", forumGroupNames(forum));
		}
	}

	private static void unreadable(ApiProblem problem, String name, Model model) {
		if (problem.status() == 401) {
			throw problem;
		}
		model.addAttribute(name, problem);
	}

	/** The forum's groups by name, as far as the user may see them (one page of 100). */
	private List<String> forumGroupNames(Forum forum) {
		Map<String, String> names = new LinkedHashMap<>();
		try {
			this.api.groups(forum.kabupaten(), null, null, 0, 100)
				.items()
				.forEach((group) -> names.put(group.id(), group.name()));
		}
		catch (ApiProblem problem) {
			if (problem.status() == 401) {
				throw problem;
			}
		}
		return forum.memberGroups().stream().map((id) -> names.getOrDefault(id, id)).toList();
	}

	/**
	 * Appoints a member to an officer's place, replacing whoever holds it (a group has
	 * one of each: the holder becomes ANGGOTA first); no member relieves the holder.
	 */
	@PostMapping("/kelompok/{id}/pengurus")
	String appoint(@ModelAttribute("user") ConsoleUser user, @PathVariable String id, @RequestParam String role,
			@RequestParam(required = false) String memberId, RedirectAttributes redirect) {
		String back = "redirect:/kelompok/" + id + "#pengurus";
		if (!OFFICERS.contains(role)) {
			redirect.addFlashAttribute("formError", "Pilih jabatan Ketua, Sekretaris atau Bendahara.");
			return back;
		}
		String label = ROLE_WORDS.get(role);
		try {
			List<Member> members = this.api.members(id).items();
			Member holder = members.stream().filter((m) -> role.equals(m.role())).findFirst().orElse(null);
			String chosen = GroupPages.blankToNull(memberId);
			if (chosen == null) {
				if (holder == null) {
					redirect.addFlashAttribute("notice", "Jabatan " + label + " memang belum terisi.");
					return back;
				}
				setRole(id, holder.id(), "ANGGOTA");
				redirect.addFlashAttribute("notice", holder.name() + " tidak lagi menjabat " + label + ".");
				return back;
			}
			Member candidate = members.stream().filter((m) -> chosen.equals(m.id())).findFirst().orElse(null);
			if (candidate == null) {
				redirect.addFlashAttribute("formError",
						"Anggota itu tidak ada lagi di kelompok ini. Muat ulang halaman.");
				return back;
			}
			if (holder != null && holder.id().equals(chosen)) {
				redirect.addFlashAttribute("notice", holder.name() + " sudah menjabat " + label + ".");
				return back;
			}
			if (holder != null) {
				setRole(id, holder.id(), "ANGGOTA");
			}
			try {
				setRole(id, chosen, role);
			}
			catch (ApiProblem problem) {
				if (holder != null) {
					restore(id, holder.id(), role);
				}
				throw problem;
			}
			redirect.addFlashAttribute("notice", candidate.name() + " ditetapkan sebagai " + label
					+ ((holder != null) ? ", menggantikan " + holder.name() + "." : "."));
		}
		catch (ApiProblem problem) {
			refused(problem, redirect);
		}
		return back;
	}

	private void setRole(String groupId, String memberId, String role) {
		Versioned<Member> member = this.api.member(groupId, memberId);
		this.api.updateMember(groupId, memberId, member.etag(), Map.of("role", role));
	}

	/** Gives the place back to its holder when the new one could not take it. */
	private void restore(String groupId, String memberId, String role) {
		try {
			setRole(groupId, memberId, role);
		}
		catch (ApiProblem ignored) {
			// the refusal that matters is the one the user sees
		}
	}

	@PostMapping("/kelompok/{id}/kemitraan")
	String formPartnership(@PathVariable String id, @RequestParam(required = false) String agency,
			@RequestParam(required = false) String scope, @RequestParam(required = false) String since,
			@RequestParam(required = false) String requestKey, RedirectAttributes redirect) {
		String back = "redirect:/kelompok/" + id + "#kemitraan";
		List<String> missing = new ArrayList<>();
		if (GroupPages.blankToNull(agency) == null) {
			missing.add("dinas");
		}
		if (GroupPages.blankToNull(scope) == null) {
			missing.add("ruang lingkup");
		}
		LocalDate start = date(since);
		if (start == null) {
			missing.add("tanggal mulai");
		}
		if (!missing.isEmpty()) {
			keep(redirect, agency, scope, since, requestKey);
			redirect.addFlashAttribute("formError", "Lengkapi kemitraan: " + String.join(", ", missing) + ".");
			return back;
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("agency", agency.strip());
		body.put("scope", scope.strip());
		body.put("since", start.toString());
		try {
			this.api.formPartnership(id, body,
					(GroupPages.blankToNull(requestKey) != null) ? requestKey : UUID.randomUUID().toString());
			redirect.addFlashAttribute("notice", "Kemitraan dengan " + agency.strip() + " dicatat.");
		}
		catch (ApiProblem problem) {
			keep(redirect, agency, scope, since, requestKey);
			refused(problem, redirect);
		}
		return back;
	}

	private static void keep(RedirectAttributes redirect, String agency, String scope, String since,
			String requestKey) {
		redirect.addFlashAttribute("partnershipAgency", agency);
		redirect.addFlashAttribute("partnershipScope", scope);
		redirect.addFlashAttribute("partnershipSince", since);
		if (GroupPages.blankToNull(requestKey) != null) {
			redirect.addFlashAttribute("partnershipKey", requestKey);
		}
	}

	@PostMapping("/kelompok/{id}/kemitraan/{partnershipId}/akhiri")
	String endPartnership(@PathVariable String id, @PathVariable String partnershipId,
			@RequestParam(required = false) String until, @RequestParam(required = false) String reason,
			RedirectAttributes redirect) {
		Map<String, Object> body = new LinkedHashMap<>();
		LocalDate end = date(until);
		if (end != null) {
			body.put("until", end.toString());
		}
		if (GroupPages.blankToNull(reason) != null) {
			body.put("reason", reason.strip());
		}
		try {
			this.api.endPartnership(id, partnershipId, body);
			redirect.addFlashAttribute("notice", "Kemitraan diakhiri.");
		}
		catch (ApiProblem problem) {
			refused(problem, redirect);
		}
		return "redirect:/kelompok/" + id + "#kemitraan";
	}

	/** Establishes the kabupaten's Forum KIM with this group as its first member. */
	@PostMapping("/kelompok/{id}/forum/bentuk")
	String establishForum(@PathVariable String id, @RequestParam(required = false) String name,
			RedirectAttributes redirect) {
		String back = "redirect:/kelompok/" + id + "#forum";
		if (GroupPages.blankToNull(name) == null) {
			redirect.addFlashAttribute("formError", "Isi nama Forum KIM.");
			return back;
		}
		try {
			Group group = this.api.group(id);
			this.api.establishForum(
					Map.of("kabupaten", group.kabupaten(), "name", name.strip(), "memberGroups", List.of(id)));
			redirect.addFlashAttribute("notice", "Forum KIM dibentuk, dengan kelompok ini sebagai anggota.");
		}
		catch (ApiProblem problem) {
			refused(problem, redirect);
		}
		return back;
	}

	@PostMapping("/kelompok/{id}/forum/gabung")
	String joinForum(@PathVariable String id, RedirectAttributes redirect) {
		try {
			Group group = this.api.group(id);
			this.api.addForumGroup("forum-" + group.kabupaten(), id);
			redirect.addFlashAttribute("notice", "Kelompok bergabung dengan Forum KIM.");
		}
		catch (ApiProblem problem) {
			refused(problem, redirect);
		}
		return "redirect:/kelompok/" + id + "#forum";
	}

	@PostMapping("/kelompok/{id}/forum/keluar")
	String leaveForum(@PathVariable String id, RedirectAttributes redirect) {
		try {
			Group group = this.api.group(id);
			this.api.removeForumGroup("forum-" + group.kabupaten(), id);
			redirect.addFlashAttribute("notice",
					"Kelompok keluar dari Forum KIM; anggotanya tidak lagi menjadi pengurus forum.");
		}
		catch (ApiProblem problem) {
			refused(problem, redirect);
		}
		return "redirect:/kelompok/" + id + "#forum";
	}

	/** A refusal goes with the redirect; a lapsed sign-in signs in again. */
	private static void refused(ApiProblem problem, RedirectAttributes redirect) {
		if (problem.status() == 401) {
			throw problem;
		}
		redirect.addFlashAttribute("problem", problem);
	}

	/** A date as {@code <input type="date">} sends it, or {@code null}. */
	static LocalDate date(String value) {
		if (GroupPages.blankToNull(value) == null) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
