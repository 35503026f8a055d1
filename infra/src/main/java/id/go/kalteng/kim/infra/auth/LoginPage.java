package id.go.kalteng.kim.infra.auth;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The issuer's sign-in page, in Bahasa Indonesia, for the people who sign in to the
 * console: a plain form (no script, no style), labelled fields, the CSRF token.
 */
@RestController
class LoginPage {

	static final String PATH = "/login";

	@GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
	String page(HttpServletRequest request, @RequestParam(required = false) String error,
			@RequestParam(required = false) String logout) {
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		String notice = "";
		if (error != null) {
			notice = "<p role=\"alert\" id=\"gagal\">Nama pengguna atau kata sandi salah.</p>";
		}
		else if (logout != null) {
			notice = "<p role=\"status\">Anda telah keluar.</p>";
		}
		String token = (csrf != null) ? "<input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(csrf.getParameterName())
				+ "\" value=\"" + HtmlUtils.htmlEscape(csrf.getToken()) + "\">" : "";
		return """
				<!DOCTYPE html>
				<html lang="id">
				<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
				<title>Masuk · KIM Kalimantan Tengah</title></head>
				<body>
				<main>
				<h1>Masuk ke KIM Kalimantan Tengah</h1>
				%s
				<form method="post" action="%s">
				<p><label for="username">Nama pengguna</label><br>
				<input id="username" name="username" autocomplete="username" required autofocus></p>
				<p><label for="password">Kata sandi</label><br>
				<input id="password" name="password" type="password" autocomplete="current-password" required></p>
				%s
				<p><button type="submit" id="kirim">Masuk</button></p>
				</form>
				</main>
				</body>
				</html>
				""".formatted(notice, HtmlUtils.htmlEscape(request.getContextPath() + PATH), token);
	}

}
