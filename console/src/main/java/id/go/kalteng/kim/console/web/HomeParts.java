package id.go.kalteng.kim.console.web;

import java.time.LocalDate;
import java.util.List;

import id.go.kalteng.kim.console.api.ActivityApi;
import id.go.kalteng.kim.console.api.ActivityViews.Activity;
import id.go.kalteng.kim.console.api.ActivityViews.Subscription;
import id.go.kalteng.kim.console.security.ConsoleUser;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The home page's activity and subscription sections (htmx, loaded with the page): the
 * activities of the coming weeks as the API scopes them (an agency: its kabupaten's), and
 * an agency's webhook subscriptions.
 */
@Controller
class HomeParts {

	/** Activities the home page shows at most: from yesterday to five weeks ahead. */
	static final int SHOWN = 20;

	private final ActivityApi activities;

	HomeParts(ActivityApi activities) {
		this.activities = activities;
	}

	@GetMapping("/beranda/kegiatan")
	String activities(@ModelAttribute("user") ConsoleUser user, Model model) {
		LocalDate today = LocalDate.now(BroadcastForm.WIB);
		List<Activity> found = this.activities
			.activities(user.isAgency() ? user.kabupaten() : null, null, today.minusDays(1), today.plusDays(35), 0,
					SHOWN)
			.items()
			.stream()
			.sorted((a, b) -> a.startsAt().compareTo(b.startsAt()))
			.toList();
		model.addAttribute("homeActivities", found);
		return "home-parts :: activities";
	}

	@GetMapping("/beranda/langganan")
	String subscriptions(Model model) {
		List<Subscription> subscriptions = this.activities.subscriptions();
		model.addAttribute("homeSubscriptions", subscriptions);
		return "home-parts :: subscriptions";
	}

}
