package id.go.kalteng.kim.console.web;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import id.go.kalteng.kim.console.api.ActivityApi;
import id.go.kalteng.kim.console.api.ActivityViews.Activity;
import id.go.kalteng.kim.console.api.ActivityViews.Coverage;
import id.go.kalteng.kim.console.api.ApiProblem;
import id.go.kalteng.kim.console.api.GatewayApi;
import id.go.kalteng.kim.console.api.Views.Group;
import id.go.kalteng.kim.console.api.Views.Member;
import id.go.kalteng.kim.console.api.Views.Page;
import id.go.kalteng.kim.console.api.Views.Versioned;
import id.go.kalteng.kim.console.security.ConsoleUser;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Empowerment activities: the month's calendar by kabupaten and technique, planning,
 * rescheduling, attendance per invited group and per member (as activity-service models
 * both), the report, cancellation, and the coverage of a kabupaten's groups. The API
 * scopes every answer by the user (an agency its kabupaten, a coordinator the activities
 * its group is invited to); the pages only leave out what the user cannot do.
 */
@Controller
class ActivityPages {

	/** Activities read for one month at most (pages of the API's largest size). */
	static final int MONTH_LIMIT = 500;

	/** Groups whose names and members an activity page reads at most. */
	static final int GROUPS_SHOWN = 20;

	private static final int API_PAGE = 100;

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy",
			Locale.forLanguageTag("id-ID"));

	private final ActivityApi activities;

	private final GatewayApi api;

	ActivityPages(ActivityApi activities, GatewayApi api) {
		this.activities = activities;
		this.api = api;
	}

	// ---- the calendar
	// ----------------------------------------------------------------------

	/** A calendar day: its date (null outside the month) and its activities. */
	record Day(LocalDate date, List<Activity> activities) {

		public boolean isEmpty() {
			return this.activities.isEmpty();
		}

	}

	@GetMapping("/kegiatan")
	String calendar(@ModelAttribute("user") ConsoleUser user, @RequestParam(required = false) String bulan,
			@RequestParam(required = false) String kabupaten, @RequestParam(required = false) String jenis,
			Model model) {
		YearMonth month = month(bulan);
		String scope = user.isAgency() ? user.kabupaten() : GroupPages.blankToNull(kabupaten);
		String type = ActivityLabels.TYPES.containsKey(jenis) ? jenis : null;
		List<Activity> found = new ArrayList<>();
		long total = 0;
		for (int page = 0; found.size() < MONTH_LIMIT; page++) {
			Page<Activity> answer = this.activities.activities(scope, type, month.atDay(1), month.atEndOfMonth(), page,
					API_PAGE);
			found.addAll(answer.items());
			total = answer.total();
			if (answer.items().size() < API_PAGE || found.size() >= total) {
				break;
			}
		}
		found.sort((a, b) -> a.startsAt().compareTo(b.startsAt()));
		model.addAttribute("month", month);
		model.addAttribute("monthLabel", MONTH.format(month));
		model.addAttribute("previous", month.minusMonths(1).toString());
		model.addAttribute("next", month.plusMonths(1).toString());
		model.addAttribute("weeks", weeks(month, found));
		model.addAttribute("activities", found);
		model.addAttribute("truncated", total > found.size());
		model.addAttribute("selectedKabupaten", scope);
		model.addAttribute("selectedType", type);
		model.addAttribute("kabupatenList", user.isAgency() ? List.of() : this.api.kabupaten());
		return "activities";
	}

	/** The month's weeks, Monday first; days outside the month have no date. */
	static List<List<Day>> weeks(YearMonth month, List<Activity> activities) {
		Map<LocalDate, List<Activity>> byDay = new LinkedHashMap<>();
		for (Activity activity : activities) {
			LocalDate day = activity.startsAt().atZoneSameInstant(BroadcastForm.WIB).toLocalDate();
			byDay.computeIfAbsent(day, (d) -> new ArrayList<>()).add(activity);
		}
		List<List<Day>> weeks = new ArrayList<>();
		List<Day> week = new ArrayList<>();
		int lead = month.atDay(1).getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue();
		for (int i = 0; i < lead; i++) {
			week.add(new Day(null, List.of()));
		}
		for (int d = 1; d <= month.lengthOfMonth(); d++) {
			LocalDate date = month.atDay(d);
			week.add(new Day(date, byDay.getOrDefault(date, List.of())));
			if (week.size() == 7) {
				weeks.add(week);
				week = new ArrayList<>();
			}
		}
		if (!week.isEmpty()) {
			while (week.size() < 7) {
				week.add(new Day(null, List.of()));
			}
			weeks.add(week);
		}
		return weeks;
	}

	private static YearMonth month(String value) {
		if (value != null && !value.isBlank()) {
			try {
				return YearMonth.parse(value.strip());
			}
			catch (DateTimeParseException ex) {
				// this month instead
			}
		}
		return YearMonth.now(BroadcastForm.WIB);
	}

	// ---- planning
	// ------------------------------------------------------------------------------

	@GetMapping("/kegiatan/baru")
	String newActivity(@ModelAttribute("user") ConsoleUser user, Model model) {
		if (!model.containsAttribute("activityForm")) {
			ActivityForm form = new ActivityForm();
			form.setKabupaten(user.isAgency() ? user.kabupaten() : null);
			model.addAttribute("activityForm", form);
		}
		ActivityForm form = (ActivityForm) model.getAttribute("activityForm");
		model.addAttribute("kabupatenList", user.isAgency() ? List.of() : this.api.kabupaten());
		model.addAttribute("choices", groupChoices(form.getKabupaten()));
		model.addAttribute("chosen", form.getGroups());
		return "activity-plan";
	}

	/** htmx: the kabupaten's groups to invite, as the planning form ticks them. */
	@GetMapping("/kegiatan/kelompok-pilihan")
	String groupChoices(@RequestParam(required = false) String kabupaten, Model model) {
		model.addAttribute("choices", groupChoices(kabupaten));
		model.addAttribute("chosen", List.of());
		return "activity-plan :: choices";
	}

	private List<Group> groupChoices(String kabupaten) {
		if (kabupaten == null || kabupaten.isBlank() || "62".equals(kabupaten)) {
			return List.of();
		}
		return this.api.groups(kabupaten, null, null, 0, API_PAGE)
			.items()
			.stream()
			.filter((g) -> !"DISSOLVED".equals(g.status()))
			.toList();
	}

	@PostMapping("/kegiatan")
	String plan(@ModelAttribute("user") ConsoleUser user, @ModelAttribute("activityForm") ActivityForm form,
			Model model) {
		if (user.isAgency()) {
			form.setKabupaten(user.kabupaten());
		}
		try {
			Versioned<Activity> planned = this.activities.plan(form.body(), form.getRequestKey());
			return "redirect:/kegiatan/" + planned.body().id() + "?baru";
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("formError", ex.getMessage());
		}
		catch (ApiProblem problem) {
			if (problem.status() == 401) {
				throw problem;
			}
			model.addAttribute("problem", problem);
		}
		return newActivity(user, model);
	}

	// ---- one activity
	// --------------------------------------------------------------------------

	@GetMapping("/kegiatan/{id}")
	String activity(@ModelAttribute("user") ConsoleUser user, @PathVariable String id,
			@RequestParam(required = false) String baru, Model model) {
		Versioned<Activity> found = this.activities.activity(id);
		Activity activity = found.body();
		boolean manages = user.isOperator() || (user.isAgency() && user.kabupaten().equals(activity.kabupaten()));
		Map<String, String> names = new LinkedHashMap<>();
		Map<String, List<Member>> members = new LinkedHashMap<>();
		for (String groupId : activity.invitedGroups().stream().limit(GROUPS_SHOWN).toList()) {
			names.put(groupId, groupName(groupId));
			boolean mayRecord = manages || (user.isCoordinator() && groupId.equals(user.group()));
			if (mayRecord) {
				members.put(groupId, members(groupId));
			}
		}
		if (baru != null && !model.containsAttribute("notice")) {
			model.addAttribute("notice", "Kegiatan direncanakan.");
		}
		model.addAttribute("activity", activity);
		model.addAttribute("etag", found.etag());
		model.addAttribute("manages", manages);
		model.addAttribute("started", activity.hasStarted(Instant.now()));
		model.addAttribute("groupNames", names);
		model.addAttribute("groupMembers", members);
		model.addAttribute("startsAtLocal", ActivityForm.local(activity.startsAt()));
		model.addAttribute("endsAtLocal", ActivityForm.local(activity.endsAt()));
		model.addAttribute("suggestedAttendees",
				Math.max(activity.attendance().stream().mapToInt((a) -> a.attendees()).sum(), activity.present()));
		return "activity";
	}

	private String groupName(String groupId) {
		try {
			return this.api.group(groupId).name();
		}
		catch (ApiProblem problem) {
			if (problem.status() == 401) {
				throw problem;
			}
			return null;
		}
	}

	private List<Member> members(String groupId) {
		try {
			return this.api.members(groupId).items();
		}
		catch (ApiProblem problem) {
			if (problem.status() == 401) {
				throw problem;
			}
			return List.of();
		}
	}

	/** A new time or place: the API reschedules (a new revision and notices). */
	@PostMapping("/kegiatan/{id}/jadwal")
	String reschedule(@PathVariable String id, @RequestParam(required = false) String etag,
			@RequestParam(required = false) String startsAt, @RequestParam(required = false) String endsAt,
			@RequestParam(required = false) String place, RedirectAttributes redirect) {
		Map<String, Object> body = new LinkedHashMap<>();
		try {
			body.put("startsAt", ActivityForm.wib(startsAt, "Waktu mulai"));
			body.put("endsAt", ActivityForm.wib(endsAt, "Waktu selesai"));
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("formError", ex.getMessage());
			return "redirect:/kegiatan/" + id;
		}
		if (place != null && !place.isBlank()) {
			body.put("place", place.strip());
		}
		return run(id, redirect, "Jadwal disimpan; undangan diberi tahu jadwal barunya.",
				() -> this.activities.revise(id, etag, body));
	}

	/** The people counted per invited group ({@code jumlah[<groupId>]=12}). */
	@PostMapping("/kegiatan/{id}/kehadiran")
	String attendance(@PathVariable String id, @RequestParam(required = false) String etag,
			@RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
		List<Map<String, Object>> counts = new ArrayList<>();
		for (Map.Entry<String, List<String>> field : form.entrySet()) {
			String name = field.getKey();
			if (name.startsWith("jumlah[") && name.endsWith("]") && !field.getValue().isEmpty()
					&& !field.getValue().get(0).isBlank()) {
				try {
					counts.add(entry("groupId", name.substring(7, name.length() - 1), "attendees",
							Integer.parseInt(field.getValue().get(0).strip())));
				}
				catch (NumberFormatException ex) {
					redirect.addFlashAttribute("formError", "Jumlah hadir harus berupa bilangan bulat.");
					return "redirect:/kegiatan/" + id;
				}
			}
		}
		if (counts.isEmpty()) {
			redirect.addFlashAttribute("formError", "Isi jumlah hadir sedikitnya satu kelompok.");
			return "redirect:/kegiatan/" + id;
		}
		return run(id, redirect, "Kehadiran per kelompok disimpan.",
				() -> this.activities.command(id, "attendance", etag, counts));
	}

	/**
	 * Members present or absent: every member listed on the form ({@code anggota}) is
	 * recorded, present when ticked ({@code hadir}). Member ids go in the body, not the
	 * URL.
	 */
	@PostMapping("/kegiatan/{id}/kehadiran-anggota")
	String memberAttendance(@PathVariable String id, @RequestParam(required = false) String etag,
			@RequestParam(name = "anggota", required = false) List<String> listed,
			@RequestParam(name = "hadir", required = false) List<String> present, RedirectAttributes redirect) {
		if (listed == null || listed.isEmpty()) {
			redirect.addFlashAttribute("formError", "Tidak ada anggota untuk dicatat.");
			return "redirect:/kegiatan/" + id;
		}
		List<String> ticked = (present != null) ? present : List.of();
		List<Map<String, Object>> entries = listed.stream()
			.distinct()
			.map((m) -> entry("memberId", m, "present", ticked.contains(m)))
			.toList();
		return run(id, redirect, "Kehadiran anggota disimpan.",
				() -> this.activities.command(id, "attendance/members", etag, entries));
	}

	/**
	 * The report: outcome and attendees (required), summary, participants, a follow-up.
	 */
	@PostMapping("/kegiatan/{id}/laporan")
	String report(@PathVariable String id, @RequestParam(required = false) String etag,
			@RequestParam(required = false) String outcome, @RequestParam(required = false) String attendees,
			@RequestParam(required = false) String summary, @RequestParam(required = false) String participants,
			@RequestParam(required = false) String followUpAction, @RequestParam(required = false) String followUpOwner,
			@RequestParam(required = false) String followUpDue, RedirectAttributes redirect) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("outcome", outcome);
		try {
			body.put("attendees",
					(attendees != null && !attendees.isBlank()) ? Integer.parseInt(attendees.strip()) : null);
		}
		catch (NumberFormatException ex) {
			redirect.addFlashAttribute("formError", "Jumlah peserta harus berupa bilangan bulat.");
			return "redirect:/kegiatan/" + id;
		}
		putText(body, "summary", summary);
		putText(body, "participants", participants);
		if (followUpAction != null && !followUpAction.isBlank()
				&& (followUpOwner == null || followUpOwner.isBlank() || followUpDue == null || followUpDue.isBlank())) {
			redirect.addFlashAttribute("formError", "Tindak lanjut perlu penanggung jawab dan tenggat.");
			return "redirect:/kegiatan/" + id;
		}
		if (followUpAction != null && !followUpAction.isBlank()) {
			Map<String, Object> followUp = new LinkedHashMap<>();
			followUp.put("action", followUpAction.strip());
			followUp.put("owner", (followUpOwner != null) ? followUpOwner.strip() : null);
			followUp.put("dueDate", GroupPages.blankToNull(followUpDue));
			body.put("followUps", List.of(followUp));
		}
		return run(id, redirect, "Laporan disimpan; kegiatan selesai.",
				() -> this.activities.command(id, "complete", etag, body));
	}

	@PostMapping("/kegiatan/{id}/batal")
	String cancel(@PathVariable String id, @RequestParam(required = false) String etag,
			@RequestParam(required = false) String reason, RedirectAttributes redirect) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("reason", reason);
		return run(id, redirect, "Kegiatan dibatalkan; undangan diberi tahu.",
				() -> this.activities.command(id, "cancel", etag, body));
	}

	/** Two fields in order (the API reads any order; the tests read JSON). */
	private static Map<String, Object> entry(String key, Object value, String otherKey, Object otherValue) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put(key, value);
		entry.put(otherKey, otherValue);
		return entry;
	}

	private static void putText(Map<String, Object> body, String key, String value) {
		if (value != null && !value.isBlank()) {
			body.put(key, value.strip());
		}
	}

	private static String run(String id, RedirectAttributes redirect, String notice, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("notice", notice);
		}
		catch (ApiProblem problem) {
			if (problem.status() == 401) {
				throw problem;
			}
			redirect.addFlashAttribute("problem", problem);
		}
		return "redirect:/kegiatan/" + id;
	}

	// ---- coverage
	// ------------------------------------------------------------------------------

	/**
	 * The groups of a kabupaten reached and not reached by an activity in a period, as
	 * activity-service computes it ({@code GET /api/activities/coverage}); their names
	 * from the kabupaten's group list (group-service, paged by kabupaten, at most
	 * {@value #NAME_PAGES} pages).
	 */
	@GetMapping("/kegiatan/cakupan")
	String coverage(@ModelAttribute("user") ConsoleUser user, @RequestParam(required = false) String kabupaten,
			@RequestParam(required = false) String dari, @RequestParam(required = false) String sampai,
			@RequestParam(required = false) String jenis, Model model) {
		String scope = user.isAgency() ? user.kabupaten() : GroupPages.blankToNull(kabupaten);
		int year = LocalDate.now(BroadcastForm.WIB).getYear();
		LocalDate from = date(dari, LocalDate.of(year, 1, 1));
		LocalDate to = date(sampai, LocalDate.of(year, 12, 31));
		String type = ActivityLabels.TYPES.containsKey(jenis) ? jenis : null;
		model.addAttribute("kabupatenList", user.isAgency() ? List.of() : this.api.kabupaten());
		model.addAttribute("selectedKabupaten", scope);
		model.addAttribute("selectedType", type);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		if (scope != null) {
			Coverage coverage = this.activities.coverage(scope, from, to, type);
			model.addAttribute("coverage", coverage);
			model.addAttribute("groups", groupsOf(scope));
		}
		return "coverage";
	}

	static final int NAME_PAGES = 5;

	private Map<String, Group> groupsOf(String kabupaten) {
		Map<String, Group> groups = new LinkedHashMap<>();
		for (int page = 0; page < NAME_PAGES; page++) {
			Page<Group> answer = this.api.groups(kabupaten, null, null, page, API_PAGE);
			answer.items().forEach((g) -> groups.put(g.id(), g));
			if (answer.items().size() < API_PAGE) {
				break;
			}
		}
		return groups;
	}

	private static LocalDate date(String value, LocalDate otherwise) {
		if (value == null || value.isBlank()) {
			return otherwise;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			return otherwise;
		}
	}

}
