package id.go.kalteng.kim.console.web;

import id.go.kalteng.kim.console.api.GatewayApi;
import id.go.kalteng.kim.console.api.Views.Page;
import id.go.kalteng.kim.console.security.ConsoleUser;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The first page after sign-in: for operators what waits for approval and the latest
 * broadcasts; for an agency its own kabupaten only (its groups and broadcasts, as the API
 * scopes them); for a coordinator the way to the group.
 */
@Controller
class HomeController {

	private final GatewayApi api;

	HomeController(GatewayApi api) {
		this.api = api;
	}

	@GetMapping("/")
	String home(@ModelAttribute("user") ConsoleUser user, Model model) {
		if (user.canBroadcast()) {
			model.addAttribute("pending",
					user.isOperator() ? this.api.broadcasts("PENDING_APPROVAL", 0, 1).total() : 0);
			model.addAttribute("broadcasts", this.api.broadcasts(null, 0, 10));
		}
		else {
			model.addAttribute("broadcasts", Page.empty());
		}
		if (user.isAgency()) {
			model.addAttribute("groups", this.api.groups(user.kabupaten(), null, null, 0, 10));
		}
		return "home";
	}

}
