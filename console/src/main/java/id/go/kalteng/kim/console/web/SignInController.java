package id.go.kalteng.kim.console.web;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The page before sign-in: one button to the issuer. */
@Controller
class SignInController {

	@GetMapping("/masuk")
	String signIn(Authentication authentication, @RequestParam(required = false) String keluar,
			@RequestParam(required = false) String error, Model model) {
		if (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) {
			return "redirect:/";
		}
		model.addAttribute("signedOut", keluar != null);
		model.addAttribute("failed", error != null);
		return "masuk";
	}

}
