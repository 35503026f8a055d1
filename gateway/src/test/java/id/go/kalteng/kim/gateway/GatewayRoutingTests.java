package id.go.kalteng.kim.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the gateway on a random port in front of a JDK stub upstream standing in for all
 * four services.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "kim.gateway.rate-limit.requests-per-second=5")
class GatewayRoutingTests {

	private static final KeyPair KEYS = generateKeys();

	private static final HttpServer UPSTREAM = startUpstream();

	/** What the stub upstream received, by request path. */
	private static final Map<String, Received> RECEIVED = new ConcurrentHashMap<>();

	/** How often the stub upstream answered 503 on its busy path. */
	private static final AtomicInteger BUSY_ANSWERS = new AtomicInteger();

	private final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	private int port;

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		String url = "http://localhost:" + UPSTREAM.getAddress().getPort();
		// group-service runs twice and its first instance is down (nothing listens on a
		// port just freed): every group-service request reaches the stub through the
		// second (UpstreamInstances), the POSTs with their bodies
		String down = "http://localhost:" + freePort();
		registry.add("KIM_GROUP_SERVICE_URL", () -> down);
		registry.add("KIM_GROUP_SERVICE_INSTANCES", () -> down + "," + url);
		registry.add("KIM_ACTIVITY_SERVICE_URL", () -> url);
		registry.add("KIM_DISSEMINATION_SERVICE_URL", () -> url);
		// nothing listens on port 1: the notification service stands for an unreachable
		// upstream
		registry.add("KIM_NOTIFICATION_SERVICE_URL", () -> "http://localhost:1");
	}

	@AfterAll
	static void stopUpstream() {
		UPSTREAM.stop(0);
	}

	@Test
	void routedCreateKeepsMethodBodyHeadersAndEncodedQueryAndReturnsUpstreamResponse() throws Exception {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri("/api/groups/g-1/members?phone=%2B6281234567890"))
					.header("Authorization", "Bearer " + token("operator-1", "OPERATOR"))
					.header("Idempotency-Key", "key-123")
					.header("If-Match", "\"3\"")
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Siti\"}")));

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.body()).isEqualTo("{\"id\":\"m-1\"}");
		assertThat(response.headers().firstValue("Location")).hasValue("/api/groups/g-1/members/m-1");
		assertThat(response.headers().firstValue("ETag")).hasValue("\"0\"");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		Received received = RECEIVED.get("/api/groups/g-1/members");
		assertThat(received.method()).isEqualTo("POST");
		assertThat(received.rawQuery()).isEqualTo("phone=%2B6281234567890");
		assertThat(received.body()).isEqualTo("{\"name\":\"Siti\"}");
		assertThat(received.header("Authorization")).startsWith("Bearer ey");
		assertThat(received.header("Idempotency-Key")).isEqualTo("key-123");
		assertThat(received.header("If-Match")).isEqualTo("\"3\"");
		assertThat(received.header("Content-Type")).startsWith("application/json");
	}

	@Test
	void aServiceWhoseFirstInstanceRefusesIsServedByItsSecondForEveryMethod() throws Exception {
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/groups/g-1/members"))
				.header("Authorization", "Bearer " + token("failover-" + i, "OPERATOR"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Budi " + i + "\"}")));
			assertThat(created.statusCode()).isEqualTo(201);
			assertThat(RECEIVED.get("/api/groups/g-1/members").body()).isEqualTo("{\"name\":\"Budi " + i + "\"}");
			HttpResponse<String> read = send(HttpRequest.newBuilder(uri("/api/kabupaten"))
				.header("Authorization", "Bearer " + token("failover-read-" + i, "OPERATOR"))
				.GET());
			assertThat(read.statusCode()).isEqualTo(200);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/kabupaten", "/api/groups/stats", "/api/groups/g-2/members/import",
			"/api/forums/forum-62.71", "/api/members", "/api/members/erasure", "/api/activities/stats",
			"/api/activities/coverage", "/api/calendar-feeds", "/api/broadcasts/b-2/progress",
			"/api/broadcasts/b-2/replies", "/api/aspirations" })
	void everyPublicPathReachesItsService(String path) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + token("route-check" + path, "OPERATOR"))
			.GET());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(RECEIVED).containsKey(path);
	}

	@Test
	void upstreamProblemArrivesUnchanged() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/broadcasts/b-1/approve"))
			.header("Authorization", "Bearer " + token("operator-2", "OPERATOR"))
			.POST(HttpRequest.BodyPublishers.noBody()));

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).isEqualTo(CONFLICT);
	}

	@Test
	void upstreamBusyAnswerReachesTheCallerAfterOneUpstreamCall() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/activities/busy"))
			.header("Authorization", "Bearer " + token("busy-check", "OPERATOR"))
			.GET());

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(BUSY_ANSWERS).hasValue(1);
	}

	@Test
	void aCookieOneCallerGotIsNeverSentUpstreamForAnother() throws Exception {
		HttpResponse<String> setting = send(HttpRequest.newBuilder(uri("/api/groups/cookie-setter"))
			.header("Authorization", "Bearer " + token("cookie-a", "OPERATOR"))
			.GET());
		HttpResponse<String> other = send(HttpRequest.newBuilder(uri("/api/groups/cookie-check"))
			.header("Authorization", "Bearer " + token("cookie-b", "OPERATOR"))
			.GET());

		assertThat(setting.headers().firstValue("Set-Cookie"))
			.hasValueSatisfying((cookie) -> assertThat(cookie).startsWith("SESSION=upstream-1"));
		assertThat(other.statusCode()).isEqualTo(200);
		assertThat(RECEIVED.get("/api/groups/cookie-check").header("Cookie")).isNull();
	}

	@Test
	void aTokenIsRefusedOnceExpiredEvenAfterItWasAccepted() throws Exception {
		String token = token("short-lived", "OPERATOR", Instant.now().plusSeconds(2));
		HttpResponse<String> accepted = send(
				HttpRequest.newBuilder(uri("/api/groups")).header("Authorization", "Bearer " + token).GET());
		assertThat(accepted.statusCode()).isEqualTo(200);

		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> send(
					HttpRequest.newBuilder(uri("/api/groups")).header("Authorization", "Bearer " + token).GET())
				.statusCode() == 401);
	}

	@Test
	void apiDocsOfAServiceAreServedFromItsOwnApiDocsPath() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v3/api-docs/activity-service")).GET());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"openapi\":\"3.1.0\"}");
	}

	@Test
	void unreachableUpstreamIsServiceUnavailableProblemAndWebhooksNeedNoToken() throws Exception {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(uri("/webhooks/whatsapp?hub.mode=subscribe")).GET());

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("problems/service-unavailable");
	}

	@Test
	void aCalendarFeedReachesActivityServiceWithoutAToken() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/calendars/f-1/s3cret.ics")).GET());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(RECEIVED).containsKey("/calendars/f-1/s3cret.ics");
	}

	@Test
	void swaggerUiListsEveryServiceApiDocs() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v3/api-docs/gateway/swagger-config")).GET());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("/v3/api-docs/group-service", "/v3/api-docs/activity-service",
				"/v3/api-docs/dissemination-service", "/v3/api-docs/notification-service",
				"/v3/api-docs/stream-service");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/actuator/prometheus", "/actuator/info", "/actuator", "/actuator/", "/actuator/metrics",
			"/actuator/healthz", "/actuator/health/../prometheus" })
	void actuatorEndpointsOtherThanHealthAreNotFoundWithoutAToken(String path) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).doesNotContain("jvm_", "http_server_requests");
	}

	@Test
	void prometheusMetricsAreNotFoundEvenForAnOperator() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
			.header("Authorization", "Bearer " + token("operator-1", "OPERATOR"))
			.GET());

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("problems/not-found").doesNotContain("jvm_");
	}

	@Test
	void callWithoutTokenIsUnauthorizedProblem() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/groups")).GET());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"type\":\"https://kim.kalteng.go.id/problems/unauthorized\"")
			.contains("\"status\":401");
	}

	@Test
	void callWithForgedTokenIsUnauthorized() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/groups"))
			.header("Authorization", "Bearer " + token("operator-1", "OPERATOR").replaceAll(".$", "x") + "x")
			.GET());

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void tokenWithoutKimRoleIsForbidden() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/groups"))
			.header("Authorization", "Bearer " + token("stranger-1", "VISITOR"))
			.GET());

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("\"status\":403").contains("problems/forbidden");
	}

	@Test
	void healthIsOpenWithoutToken() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/health")).GET());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("UP");
	}

	@Test
	void clientExceedingItsRateLimitGetsTooManyRequestsWithRetryAfter() throws Exception {
		String token = token("agency-6271", "AGENCY");
		List<HttpResponse<String>> responses = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			responses.add(send(
					HttpRequest.newBuilder(uri("/api/activities")).header("Authorization", "Bearer " + token).GET()));
		}

		assertThat(responses).anySatisfy((response) -> assertThat(response.statusCode()).isEqualTo(200));
		HttpResponse<String> limited = responses.stream()
			.filter((response) -> response.statusCode() == 429)
			.findFirst()
			.orElseThrow();
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		assertThat(limited.body()).contains("\"status\":429");
	}

	private URI uri(String pathAndQuery) {
		return URI.create("http://localhost:" + this.port + pathAndQuery);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String token(String subject, String role) throws Exception {
		return token(subject, role, Instant.now().plusSeconds(300));
	}

	private static String token(String subject, String role, Instant expiresAt) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.issuer("http://localhost:9000")
			.claim("roles", List.of(role))
			.issueTime(java.util.Date.from(Instant.now()))
			.expirationTime(java.util.Date.from(expiresAt))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
		jwt.sign(new RSASSASigner(KEYS.getPrivate()));
		return jwt.serialize();
	}

	private static final String CONFLICT = "{\"type\":\"https://kim.kalteng.go.id/problems/conflict\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"Broadcast is not SUBMITTED\"}";

	private static KeyPair generateKeys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer startUpstream() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			server.createContext("/", GatewayRoutingTests::answer);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getRawPath();
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		RECEIVED.put(path,
				new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawQuery(), body,
						Map.copyOf(exchange.getRequestHeaders()
							.entrySet()
							.stream()
							.collect(java.util.stream.Collectors.toMap((entry) -> entry.getKey().toLowerCase(),
									(entry) -> entry.getValue().get(0))))));
		if (path.equals("/api/groups/g-1/members")) {
			exchange.getResponseHeaders().add("Location", "/api/groups/g-1/members/m-1");
			exchange.getResponseHeaders().add("ETag", "\"0\"");
			respond(exchange, 201, "application/json", "{\"id\":\"m-1\"}");
		}
		else if (path.equals("/api/broadcasts/b-1/approve")) {
			respond(exchange, 409, "application/problem+json", CONFLICT);
		}
		else if (path.equals("/api/activities/busy")) {
			BUSY_ANSWERS.incrementAndGet();
			exchange.getResponseHeaders().add("Retry-After", "1");
			respond(exchange, 503, "application/problem+json", "{\"status\":503}");
		}
		else if (path.equals("/api/groups/cookie-setter")) {
			exchange.getResponseHeaders().add("Set-Cookie", "SESSION=upstream-1; Path=/");
			respond(exchange, 200, "application/json", "{}");
		}
		else if (path.equals("/v3/api-docs")) {
			respond(exchange, 200, "application/json", "{\"openapi\":\"3.1.0\"}");
		}
		else {
			respond(exchange, 200, "application/json", "{\"items\":[]}");
		}
	}

	private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length);
		try (var out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** One request as the stub upstream saw it. */
	record Received(String method, String rawQuery, String body, Map<String, String> headers) {

		String header(String name) {
			return this.headers.get(name.toLowerCase());
		}

	}

	/** Verifies test tokens with the test key instead of the issuer's JWK set. */
	@TestConfiguration(proxyBeanMethods = false)
	static class TestTokens {

		@Bean
		JwtDecoder jwtDecoder() {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
			// no clock skew, so a token is refused right at its exp
			decoder.setJwtValidator(new JwtTimestampValidator(Duration.ZERO));
			return decoder;
		}

	}

}
