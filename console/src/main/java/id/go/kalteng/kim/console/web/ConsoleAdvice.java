package id.go.kalteng.kim.console.web;

import id.go.kalteng.kim.console.api.ApiProblem;
import id.go.kalteng.kim.console.security.ConsoleUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page has: the signed-in user; and what every page does with an API failure:
 * say it in words (never a stack trace). A lapsed token sends the user to sign in again.
 */
@ControllerAdvice
class ConsoleAdvice {

	private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

	@ModelAttribute("user")
	ConsoleUser user() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return ConsoleUser.of(authentication);
	}

	@ExceptionHandler(ApiProblem.class)
	ModelAndView problem(ApiProblem problem, HttpServletRequest request, HttpServletResponse response) {
		log.info("{} {}: {}", request.getMethod(), request.getRequestURI(), problem.getMessage());
		boolean htmx = request.getHeader("HX-Request") != null;
		if (problem.status() == 401) {
			// the access token has lapsed: sign in again (the issuer's session may still
			// hold)
			if (htmx) {
				response.setHeader("HX-Redirect", request.getContextPath() + "/oauth2/authorization/kim");
				return new ModelAndView("fragments :: problem", "problem", problem);
			}
			return new ModelAndView("redirect:/oauth2/authorization/kim");
		}
		ModelAndView page = new ModelAndView(htmx ? "fragments :: problem" : "problem");
		page.addObject("problem", problem);
		page.addObject("user", user());
		// htmx swaps only successful answers: the message is the answer to swap in
		if (!htmx) {
			page.setStatus(org.springframework.http.HttpStatusCode.valueOf(statusFor(problem)));
		}
		return page;
	}

	private static int statusFor(ApiProblem problem) {
		return (problem.status() >= 400 && problem.status() < 600) ? problem.status() : 502;
	}

}
