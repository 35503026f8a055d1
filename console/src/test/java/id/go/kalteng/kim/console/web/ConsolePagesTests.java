package id.go.kalteng.kim.console.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oauth2Client;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console's pages against a stand-in gateway (a plain HTTP server answering as the
 * API would): sign-in redirect with PKCE, security headers, CSRF, the user's token
 * relayed, the author's review without an approve button, and API failures told in words.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ConsolePagesTests {

	private static final HttpServer GATEWAY = startGateway();

	/** path → [status, JSON body, ETag] the stand-in answers. */
	private static final Map<String, String[]> ANSWERS = new ConcurrentHashMap<>();

	/** Bodies the stand-in received, by method and path. */
	private static final Map<String, String> BODIES = new ConcurrentHashMap<>();

	/** If-Match headers the stand-in received, by path. */
	private static final Map<String, String> IF_MATCH = new ConcurrentHashMap<>();

	/** Authorization headers the stand-in received, by path. */
	private static final Map<String, String> AUTHORIZATIONS = new ConcurrentHashMap<>();

	@Autowired
	MockMvc mvc;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("kim.console.gateway-url", () -> "http://localhost:" + GATEWAY.getAddress().getPort());
		registry.add("kim.console.issuer-uri", () -> "http://localhost:9999");
	}

	@AfterAll
	static void stopGateway() {
		GATEWAY.stop(0);
	}

	@BeforeEach
	void clear() {
		ANSWERS.clear();
		AUTHORIZATIONS.clear();
		BODIES.clear();
		IF_MATCH.clear();
	}

	@Test
	void signedOutUsersAreSentToTheSignInPageUnderAStrictContentSecurityPolicy() throws Exception {
		this.mvc.perform(get("/"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/masuk"))
			.andExpect(header().string("Content-Security-Policy",
					allOf(containsString("script-src 'self'"), containsString("style-src 'self'"),
							not(containsString("unsafe-inline")), not(containsString("unsafe-eval")),
							containsString("frame-ancestors 'none'"))));
		this.mvc.perform(get("/masuk"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Masuk dengan akun KIM")));
	}

	@Test
	void signInIsTheAuthorizationCodeFlowWithPkceAndNoClientSecret() throws Exception {
		String location = this.mvc.perform(get("/oauth2/authorization/kim"))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();

		assertThat(location).startsWith("http://localhost:9999/oauth2/authorize?")
			.contains("response_type=code", "client_id=kim-console", "code_challenge=", "code_challenge_method=S256",
					"scope=openid%20profile")
			.doesNotContain("client_secret");
	}

	@Test
	void htmxRequestsWithoutTheCsrfTokenAreRefused() throws Exception {
		this.mvc.perform(post("/siaran/segmen").with(user("operator-1", "OPERATOR")).param("message", "halo"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/siaran/segmen").with(user("operator-1", "OPERATOR"))
				.with(csrf())
				.param("message", "a".repeat(161)))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("segmen SMS")))
			.andExpect(content().string(containsString(">2</span>")));
	}

	@Test
	void theAuthorReviewsWithoutAnApproveButtonAndTheUsersTokenGoesToTheApi() throws Exception {
		ANSWERS.put("/api/broadcasts/b-1", new String[] { "200", broadcastJson("operator-1"), "\"3\"" });
		ANSWERS.put("/api/broadcasts/b-1/preview", new String[] { "200",
				"{\"recipients\":3,\"byKabupaten\":{\"62.71\":3},\"byChannel\":{\"SMS\":3},\"suppressed\":0}", null });

		this.mvc.perform(get("/persetujuan/b-1").with(user("operator-1", "OPERATOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"bukan-penyetuju\"")))
			.andExpect(content().string(not(containsString("id=\"setujui\""))))
			.andExpect(content().string(containsString("Air Sungai Kahayan naik")));
		this.mvc.perform(get("/persetujuan/b-1").with(user("operator-2", "OPERATOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"setujui\"")));
		assertThat(AUTHORIZATIONS.get("/api/broadcasts/b-1")).isEqualTo("Bearer token-of-operator-2");
	}

	@Test
	void theLivePageShowsProgressAndFailedMessagesWithReasonsButMaskedPhones() throws Exception {
		ANSWERS.put("/api/broadcasts/b-4", new String[] { "200",
				broadcastJson("operator-1").replace("PENDING_APPROVAL", "SENDING").replace("b-1", "b-4"), "\"5\"" });
		ANSWERS.put("/api/broadcasts/b-4/progress", new String[] { "200",
				"{\"status\":\"SENDING\",\"recipients\":3,\"queued\":1,\"sent\":1,\"delivered\":0,\"read\":0,\"failed\":1,\"suppressed\":0}",
				null });
		ANSWERS.put("/api/notifications", new String[] { "200",
				"{\"items\":[{\"id\":\"n-1\",\"phone\":\"+6281251109501\",\"channel\":\"SMS\",\"status\":\"FAILED\",\"reason\":\"number not in service\",\"attempts\":3}],\"page\":0,\"size\":50,\"total\":1}",
				null });

		this.mvc.perform(get("/siaran/b-4/langsung").with(user("operator-2", "OPERATOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<span id=\"terproses\">2</span>")))
			.andExpect(content().string(containsString("sse-connect=\"/siaran/b-4/langsung/aliran\"")))
			.andExpect(content().string(containsString("id=\"batalkan\"")));
		this.mvc.perform(get("/siaran/b-4/langsung/gagal").with(user("operator-2", "OPERATOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("number not in service")))
			.andExpect(content().string(containsString("+62812*****501")))
			.andExpect(content().string(not(containsString("+6281251109501"))))
			.andExpect(content().string(containsString("hx-trigger=\"sse:done\"")));
	}

	@Test
	void aMemberIsAddedFromTheGroupPageWithThePhoneInTheBodyAndARefusalKeepsTheForm() throws Exception {
		ANSWERS.put("/api/groups/g-1", new String[] { "200",
				"{\"id\":\"g-1\",\"name\":\"KIM Menteng\",\"kabupaten\":\"62.71\",\"status\":\"ACTIVE\",\"memberCount\":3}",
				null });
		ANSWERS.put("GET /api/groups/g-1/members", new String[] { "200",
				"{\"items\":[{\"id\":\"m-1\",\"name\":\"Siti\",\"phone\":\"+6281349209002\",\"role\":\"KETUA\"}],\"page\":0,\"size\":100,\"total\":1}",
				null });
		ANSWERS.put("POST /api/groups/g-1/members",
				new String[] { "201", "{\"id\":\"m-2\",\"name\":\"Yohanes\"}", null });

		this.mvc
			.perform(post("/kelompok/g-1/anggota").with(user("operator-1", "OPERATOR"))
				.with(csrf())
				.param("name", "Yohanes")
				.param("phone", "0812-5110-9001")
				.param("gender", "PRIA"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/kelompok/g-1"));
		assertThat(BODIES.get("POST /api/groups/g-1/members")).contains("\"phone\":\"0812-5110-9001\"",
				"\"gender\":\"PRIA\"", "\"role\":\"ANGGOTA\"");

		ANSWERS.put("POST /api/groups/g-1/members", new String[] { "400",
				"{\"title\":\"Bad Request\",\"errors\":[{\"field\":\"phone\",\"message\":\"must be an Indonesian mobile number\"}]}",
				null });
		this.mvc
			.perform(post("/kelompok/g-1/anggota").with(user("agency-6271", "AGENCY"))
				.with(csrf())
				.param("name", "Yohanes")
				.param("phone", "12345"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("phone: must be an Indonesian mobile number")))
			.andExpect(content().string(containsString("value=\"Yohanes\"")))
			// an agency sees members' phones masked
			.andExpect(content().string(containsString("+62813*****002")))
			.andExpect(content().string(not(containsString("+6281349209002"))));
	}

	@Test
	void cancelInFlightSendsTheVersionSeenAndARefusalIsToldOnTheLivePage() throws Exception {
		ANSWERS.put("POST /api/broadcasts/b-5/cancel", new String[] { "200",
				broadcastJson("operator-1").replace("PENDING_APPROVAL", "CANCELLED").replace("b-1", "b-5"), "\"9\"" });

		this.mvc
			.perform(post("/siaran/b-5/batal").with(user("operator-2", "OPERATOR")).with(csrf()).param("etag", "\"8\""))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/siaran/b-5/langsung"))
			.andExpect(flash().attribute("notice", containsString("Pembatalan dikirim")));
		assertThat(IF_MATCH.get("/api/broadcasts/b-5/cancel")).isEqualTo("\"8\"");

		ANSWERS.put("POST /api/broadcasts/b-5/cancel", new String[] { "409",
				"{\"title\":\"Conflict\",\"detail\":\"a COMPLETED broadcast cannot be cancelled\"}", null });
		this.mvc
			.perform(post("/siaran/b-5/batal").with(user("operator-2", "OPERATOR")).with(csrf()).param("etag", "\"9\""))
			.andExpect(status().isFound())
			.andExpect(flash().attribute("problem", org.hamcrest.Matchers.notNullValue()));
	}

	@Test
	void communityRepliesAreListedWithMaskedSendersOrSaidToBeUnavailable() throws Exception {
		// as dissemination-service answers: the sender named by its phone's keyed hash
		ANSWERS.put("/api/broadcasts/b-6/replies", new String[] { "200",
				"{\"items\":[{\"id\":\"r-1\",\"sender\":\"#3f9a0c1d\",\"channel\":\"SMS\",\"text\":\"Terima kasih, kami siaga\"},"
						+ "{\"id\":\"r-2\",\"phone\":\"+6285247119503\",\"channel\":\"SMS\",\"text\":\"Air sudah naik\"}],\"page\":0,\"size\":50,\"total\":2}",
				null });

		this.mvc.perform(get("/siaran/b-6/langsung/balasan").with(user("operator-1", "OPERATOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Terima kasih, kami siaga")))
			.andExpect(content().string(containsString("#3f9a0c1d")))
			// a number, should an answer ever hold one, is shown masked only
			.andExpect(content().string(containsString("+62852*****503")))
			.andExpect(content().string(not(containsString("+6285247119503"))));
		// an API without replies yet
		this.mvc.perform(get("/siaran/b-7/langsung/balasan").with(user("operator-1", "OPERATOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Balasan belum tersedia")));
	}

	@Test
	void theComposerOffersTheApprovedWhatsAppTemplatesToThoseWhoMayListThem() throws Exception {
		ANSWERS.put("/api/kabupaten",
				new String[] { "200", "[{\"code\":\"62.71\",\"name\":\"Palangka Raya\"}]", null });
		ANSWERS.put("/api/whatsapp-templates", new String[] { "200",
				"{\"items\":[{\"name\":\"kim_peringatan\",\"language\":\"id\",\"variables\":2,\"body\":\"Peringatan {{1}} di {{2}}\"}]}",
				null });

		this.mvc.perform(get("/siaran/baru").with(user("operator-1", "OPERATOR")))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("<option value=\"kim_peringatan\">kim_peringatan (2 variabel)</option>")))
			// the picked template's body and variables come with the pick
			// (ComposerTemplateTests)
			.andExpect(content().string(containsString("hx-post=\"/siaran/templat\"")));

		ANSWERS.put("/api/whatsapp-templates", new String[] { "403", "{\"title\":\"Forbidden\"}", null });
		this.mvc.perform(get("/siaran/baru").with(user("agency-6271", "AGENCY")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"wa-templat\" type=\"text\"")));
	}

	@Test
	void anApiRefusalIsShownInWordsWithTheServersDetailNeverAStackTrace() throws Exception {
		ANSWERS.put("/api/broadcasts/b-2", new String[] { "404",
				"{\"title\":\"Not Found\",\"status\":404,\"detail\":\"broadcast b-2 not found\"}", null });

		this.mvc.perform(get("/siaran/b-2").with(user("agency-6203", "AGENCY")))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("Data tidak ditemukan, atau berada di luar wilayah Anda.")))
			.andExpect(content().string(containsString("broadcast b-2 not found")))
			.andExpect(content().string(not(containsString("Exception"))));
	}

	@Test
	void aFailingApiIsSaidSoWithoutWhatItsErrorPageHeld() throws Exception {
		ANSWERS.put("/api/broadcasts/b-3",
				new String[] { "503", "<html><body>java.lang.NullPointerException at Foo</body></html>", null });

		this.mvc.perform(get("/siaran/b-3").with(user("operator-1", "OPERATOR")))
			.andExpect(status().is5xxServerError())
			.andExpect(content().string(containsString("Layanan KIM")))
			.andExpect(content().string(not(containsString("Exception"))));
	}

	@Test
	void theComposerKeepsWhatWasTypedWhenTheApiRefusesIt() throws Exception {
		ANSWERS.put("/api/kabupaten",
				new String[] { "200", "[{\"code\":\"62.71\",\"name\":\"Palangka Raya\"}]", null });
		ANSWERS.put("/api/broadcasts", new String[] { "400",
				"{\"title\":\"Bad Request\",\"detail\":\"The request has invalid fields\",\"errors\":[{\"field\":\"target.kabupaten[0]\",\"message\":\"must be a kabupaten code\"}]}",
				null });

		this.mvc
			.perform(post("/siaran/susun").with(user("operator-1", "OPERATOR"))
				.with(csrf())
				.param("title", "Waspada banjir")
				.param("message", "Air naik di Menteng")
				.param("channels", "SMS")
				.param("action", "submit"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Isian belum benar")))
			.andExpect(content().string(containsString("target.kabupaten[0]: must be a kabupaten code")))
			.andExpect(content().string(containsString("Air naik di Menteng")));
	}

	/** A signed-in user with an access token of its own ({@code token-of-<id>}). */
	private static RequestPostProcessor user(String id, String role) {
		OidcIdToken.Builder builder = OidcIdToken.withTokenValue("id-token").subject(id).claim("roles", List.of(role));
		if (id.startsWith("agency-")) {
			builder.claim("kabupaten", "62.03");
		}
		OidcUser user = new DefaultOidcUser(List.of(), builder.build());
		RequestPostProcessor signedIn = oidcLogin().oidcUser(user);
		RequestPostProcessor token = oauth2Client("kim").principalName(id)
			.accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "token-of-" + id, Instant.now(),
					Instant.now().plusSeconds(600)));
		return (request) -> token.postProcessRequest(signedIn.postProcessRequest(request));
	}

	private static String broadcastJson(String author) {
		return """
				{"id":"b-1","title":"Waspada banjir","message":"Air Sungai Kahayan naik.","channels":["SMS"],
				 "priority":"NORMAL","target":{"kabupaten":["62.71"],"groups":[],"gender":[],"ageGroup":[],
				 "occupation":[],"setting":[]},"status":"PENDING_APPROVAL","author":"%s"}
				""".formatted(author);
	}

	private static HttpServer startGateway() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", ConsolePagesTests::answer);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (authorization != null) {
			AUTHORIZATIONS.put(path, authorization);
		}
		String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
		if (ifMatch != null) {
			IF_MATCH.put(path, ifMatch);
		}
		String[] answer = ANSWERS.getOrDefault(exchange.getRequestMethod() + " " + path,
				ANSWERS.getOrDefault(path, new String[] { "404", "{\"title\":\"Not Found\"}", null }));
		if (!"GET".equals(exchange.getRequestMethod())) {
			BODIES.put(exchange.getRequestMethod() + " " + path,
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		}
		byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders()
			.add("Content-Type", answer[0].equals("200") ? "application/json" : "application/problem+json");
		if (answer[2] != null) {
			exchange.getResponseHeaders().add("ETag", answer[2]);
		}
		exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
