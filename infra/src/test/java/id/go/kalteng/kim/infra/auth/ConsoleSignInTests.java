package id.go.kalteng.kim.infra.auth;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * People sign in to the console at the issuer: the authorization-code flow with PKCE for
 * the public client {@code kim-console}, the demo users' passwords, and tokens with the
 * same subject, roles and claims as the demo client of the same name.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.security.oauth2.authorizationserver.issuer=http://localhost:9000")
@ActiveProfiles("local")
class ConsoleSignInTests {

	private static final String REDIRECT_URI = "http://localhost:8080/console/login/oauth2/code/kim";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@TempDir
	static Path dataDirectory;

	@LocalServerPort
	int port;

	private final HttpClient browser = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@DynamicPropertySource
	static void dataFiles(DynamicPropertyRegistry registry) {
		registry.add("KIM_AUTH_DATA_DIR", () -> dataDirectory.resolve("auth").toString());
		registry.add("KIM_DEMO_DIR", () -> dataDirectory.resolve("demo").toString());
	}

	@Test
	void anAgencyUserSignsInWithPkceAndGetsTheAgencyClientsClaims() throws Exception {
		String verifier = verifier();
		String code = signIn("agency-6271", "kim-demo", challenge(verifier));

		JsonNode tokens = exchange(code, verifier);
		Jwt access = decode(tokens.path("access_token").asString());
		assertThat(access.getSubject()).isEqualTo("agency-6271");
		assertThat(access.getClaimAsStringList("roles")).containsExactly("AGENCY");
		assertThat(access.getClaimAsString("kabupaten")).isEqualTo("62.71");
		// the console reads the role from the ID token
		Jwt id = decode(tokens.path("id_token").asString());
		assertThat(id.getClaimAsStringList("roles")).containsExactly("AGENCY");
		assertThat(id.getClaimAsString("kabupaten")).isEqualTo("62.71");
		assertThat(tokens.has("refresh_token")).isFalse();
	}

	@Test
	void theCodeIsOnlyGoodWithItsVerifier() throws Exception {
		String code = signIn("operator-1", "kim-demo", challenge(verifier()));

		HttpResponse<String> refused = token(code, verifier());
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("invalid_grant");
	}

	@Test
	void theConsoleClientCannotAskWithoutPkce() throws Exception {
		HttpResponse<String> authorize = get(authorizeUri(null));
		String location = authorize.headers().firstValue("Location").orElse("");
		assertThat(location).startsWith(REDIRECT_URI).contains("error=invalid_request");
	}

	@Test
	void aWrongPasswordOrAnUnlistedClientIsNoSignIn() throws Exception {
		get(authorizeUri(challenge(verifier())));
		assertThat(postLogin("operator-1", "wrong").headers().firstValue("Location").orElse(""))
			.endsWith("/login?error");
		// a demo client that is not a console user
		assertThat(postLogin("agency-6201", "kim-demo").headers().firstValue("Location").orElse(""))
			.endsWith("/login?error");
	}

	@Test
	void theSignInPageIsInBahasaWithLabelledFieldsAndAllowsTheRedirectBackToTheConsole() throws Exception {
		HttpResponse<String> page = get(uri("/login"));
		assertThat(page.body()).contains("<label for=\"username\">Nama pengguna</label>",
				"<label for=\"password\">Kata sandi</label>", "lang=\"id\"");
		assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
			.contains("form-action 'self' http://localhost:8080 http://localhost:8086")
			.doesNotContain("unsafe-inline");
	}

	private String signIn(String user, String password, String challenge) throws Exception {
		HttpResponse<String> authorize = get(authorizeUri(challenge));
		assertThat(authorize.statusCode()).isEqualTo(302);
		assertThat(authorize.headers().firstValue("Location").orElseThrow()).endsWith("/login");
		HttpResponse<String> signedIn = postLogin(user, password);
		String next = signedIn.headers().firstValue("Location").orElseThrow();
		assertThat(next).contains("/oauth2/authorize");
		String back = get(URI.create(next)).headers().firstValue("Location").orElseThrow();
		assertThat(back).startsWith(REDIRECT_URI + "?code=").contains("state=s-1");
		return URLDecoder.decode(back.replaceAll(".*[?&]code=([^&]+).*", "$1"), StandardCharsets.UTF_8);
	}

	private HttpResponse<String> postLogin(String user, String password) throws Exception {
		Matcher csrf = CSRF.matcher(get(uri("/login")).body());
		assertThat(csrf.find()).isTrue();
		return post(uri("/login"), Map.of("username", user, "password", password, "_csrf", csrf.group(1)));
	}

	private JsonNode exchange(String code, String verifier) throws Exception {
		HttpResponse<String> response = token(code, verifier);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body());
	}

	/** The console's token request: no client secret, the PKCE verifier instead. */
	private HttpResponse<String> token(String code, String verifier) throws Exception {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("redirect_uri", REDIRECT_URI);
		form.put("client_id", "kim-console");
		form.put("code_verifier", verifier);
		return post(uri("/oauth2/token"), form);
	}

	private URI authorizeUri(String challenge) {
		String query = "response_type=code&client_id=kim-console&scope=openid%20profile&state=s-1&redirect_uri="
				+ URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8)
				+ ((challenge != null) ? "&code_challenge=" + challenge + "&code_challenge_method=S256" : "");
		return uri("/oauth2/authorize?" + query);
	}

	private HttpResponse<String> get(URI uri) throws Exception {
		return this.browser.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
				BodyHandlers.ofString());
	}

	private HttpResponse<String> post(URI uri, Map<String, String> form) throws Exception {
		String body = form.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return this.browser.send(HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(BodyPublishers.ofString(body))
			.build(), BodyHandlers.ofString());
	}

	private Jwt decode(String token) {
		return NimbusJwtDecoder.withJwkSetUri(uri("/oauth2/jwks").toString()).build().decode(token);
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static String verifier() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	private static String challenge(String verifier) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

}
