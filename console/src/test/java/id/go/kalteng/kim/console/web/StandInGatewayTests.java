package id.go.kalteng.kim.console.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

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

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oauth2Client;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;

/**
 * The console's pages against a stand-in gateway (a plain HTTP server answering as the
 * API would, recording what it was sent), shared by the register and composer tests.
 */
@SpringBootTest
@AutoConfigureMockMvc
abstract class StandInGatewayTests {

	static final HttpServer GATEWAY = startGateway();

	/** "METHOD path" or path → [status, body, ETag, content type (optional)]. */
	static final Map<String, String[]> ANSWERS = new ConcurrentHashMap<>();

	/** Requests received, in order: "METHOD path". */
	static final List<String> REQUESTS = new CopyOnWriteArrayList<>();

	/** Bodies received, by "METHOD path" (the last one). */
	static final Map<String, String> BODIES = new ConcurrentHashMap<>();

	/** Headers received, by "METHOD path header-name" (the last one). */
	static final Map<String, String> HEADERS = new ConcurrentHashMap<>();

	@Autowired
	MockMvc mvc;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("kim.console.gateway-url", () -> "http://localhost:" + GATEWAY.getAddress().getPort());
		registry.add("kim.console.issuer-uri", () -> "http://localhost:9999");
	}

	@AfterAll
	static void stopGateway() {
		// the server is shared by the subclasses; it dies with the JVM
	}

	@BeforeEach
	void clearStandIn() {
		ANSWERS.clear();
		REQUESTS.clear();
		BODIES.clear();
		HEADERS.clear();
	}

	static void answer(String key, int status, String body) {
		ANSWERS.put(key, new String[] { String.valueOf(status), body, null, null });
	}

	static void answer(String key, int status, String body, String etag) {
		ANSWERS.put(key, new String[] { String.valueOf(status), body, etag, null });
	}

	/**
	 * A signed-in user with an access token of its own ({@code token-of-<id>}); an agency
	 * of {@code 62.71} or {@code 62.03} by its name, a coordinator of {@code g-1}.
	 */
	static RequestPostProcessor user(String id, String role) {
		OidcIdToken.Builder builder = OidcIdToken.withTokenValue("id-token").subject(id).claim("roles", List.of(role));
		if (id.startsWith("agency-")) {
			builder.claim("kabupaten", id.substring(7, 9) + "." + id.substring(9));
		}
		if (id.startsWith("coordinator")) {
			builder.claim("group", "g-1");
		}
		OidcUser user = new DefaultOidcUser(List.of(), builder.build());
		RequestPostProcessor signedIn = oidcLogin().oidcUser(user);
		RequestPostProcessor token = oauth2Client("kim").principalName(id)
			.accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "token-of-" + id, Instant.now(),
					Instant.now().plusSeconds(600)));
		return (request) -> token.postProcessRequest(signedIn.postProcessRequest(request));
	}

	private static HttpServer startGateway() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", StandInGatewayTests::respond);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void respond(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String key = exchange.getRequestMethod() + " " + path;
		REQUESTS.add(key);
		exchange.getRequestHeaders()
			.forEach((name, values) -> HEADERS.put(key + " " + name.toLowerCase(), String.join(",", values)));
		BODIES.put(key, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		String[] answer = ANSWERS.getOrDefault(key,
				ANSWERS.getOrDefault(path, new String[] { "404", "{\"title\":\"Not Found\"}", null, null }));
		byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
		boolean ok = answer[0].startsWith("2");
		exchange.getResponseHeaders().add("Content-Type", ok ? "application/json" : "application/problem+json");
		if (answer[2] != null) {
			exchange.getResponseHeaders().add("ETag", answer[2]);
		}
		exchange.sendResponseHeaders(Integer.parseInt(answer[0]), (body.length == 0) ? -1 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
