package id.go.kalteng.kim.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

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

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agency event stream through the gateway, read as {@code curl -N} reads it: each
 * event arrives while the upstream still holds the stream open (nothing is buffered until
 * the end), {@code Last-Event-ID} reaches stream-service, and a client that hangs up
 * frees the upstream connection (Spring Cloud Gateway issues #3410, #3999).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayEventStreamTests {

	private static final KeyPair KEYS = generateKeys();

	/** Released by the test to let the stub stream send its second event. */
	private static final CountDownLatch SECOND_EVENT = new CountDownLatch(1);

	private static final AtomicReference<String> LAST_EVENT_ID = new AtomicReference<>();

	private static final AtomicBoolean UPSTREAM_SAW_HANG_UP = new AtomicBoolean();

	private static final AtomicBoolean CONSOLE_SAW_HANG_UP = new AtomicBoolean();

	private static final AtomicBoolean CONSOLE_EVENTS_SAW_HANG_UP = new AtomicBoolean();

	/** Released by the test to let the stub progress stream send its final counts. */
	private static final CountDownLatch PROGRESS_COMPLETED = new CountDownLatch(1);

	private static final HttpServer STREAM_SERVICE = startStreamService();

	@Value("${local.server.port}")
	private int port;

	@DynamicPropertySource
	static void upstreams(DynamicPropertyRegistry registry) {
		registry.add("KIM_STREAM_SERVICE_URL", () -> "http://localhost:" + STREAM_SERVICE.getAddress().getPort());
		registry.add("KIM_DISSEMINATION_SERVICE_URL",
				() -> "http://localhost:" + STREAM_SERVICE.getAddress().getPort());
		registry.add("KIM_CONSOLE_URL", () -> "http://localhost:" + STREAM_SERVICE.getAddress().getPort());
	}

	@AfterAll
	static void stop() {
		SECOND_EVENT.countDown();
		PROGRESS_COMPLETED.countDown();
		STREAM_SERVICE.stop(0);
	}

	@Test
	void eventsFlowThroughUnbufferedAndAHangUpReachesTheUpstream() throws Exception {
		HttpURLConnection connection = (HttpURLConnection) URI
			.create("http://localhost:" + this.port + "/api/streams/events?types=kim.group.group-registered.v1")
			.toURL()
			.openConnection();
		connection.setRequestProperty("Authorization", "Bearer " + token());
		connection.setRequestProperty("Accept", "text/event-stream");
		connection.setRequestProperty("Last-Event-ID", "62.71:41");
		connection.setReadTimeout(20_000);
		assertThat(connection.getResponseCode()).isEqualTo(200);
		assertThat(connection.getContentType()).startsWith("text/event-stream");
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
		// the first event arrives while the upstream holds the second back
		assertThat(reader.readLine()).isEqualTo("id:62.71:42");
		assertThat(reader.readLine()).startsWith("data:{\"id\":\"e-42\"");
		assertThat(LAST_EVENT_ID.get()).isEqualTo("62.71:41");
		SECOND_EVENT.countDown();
		assertThat(reader.readLine()).isEmpty();
		assertThat(reader.readLine()).isEqualTo("id:62.71:43");
		connection.disconnect();
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilTrue(UPSTREAM_SAW_HANG_UP);
	}

	/**
	 * A broadcast's live progress (dissemination-service) passes through unbuffered too:
	 * the current counts arrive while the upstream holds the final ones back, then the
	 * stream ends when the upstream closes it.
	 */
	@Test
	void broadcastProgressFlowsThroughUnbufferedUntilTheUpstreamCloses() throws Exception {
		HttpURLConnection connection = (HttpURLConnection) URI
			.create("http://localhost:" + this.port + "/api/broadcasts/b-1/progress")
			.toURL()
			.openConnection();
		connection.setRequestProperty("Authorization", "Bearer " + token());
		connection.setRequestProperty("Accept", "text/event-stream");
		connection.setReadTimeout(20_000);
		assertThat(connection.getResponseCode()).isEqualTo(200);
		assertThat(connection.getContentType()).startsWith("text/event-stream");
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
		assertThat(reader.readLine()).isEqualTo("event:progress");
		assertThat(reader.readLine()).isEqualTo("data:{\"status\":\"SENDING\",\"sent\":1}");
		assertThat(reader.readLine()).isEmpty();
		PROGRESS_COMPLETED.countDown();
		assertThat(reader.readLine()).isEqualTo("event:progress");
		assertThat(reader.readLine()).isEqualTo("data:{\"status\":\"COMPLETED\",\"sent\":2}");
		assertThat(reader.readLine()).isEmpty();
		assertThat(reader.readLine()).as("the stream ends with the upstream's").isNull();
	}

	/**
	 * The console's live delivery page relays the progress stream to the browser: a
	 * browser that leaves frees the console's stream at once (the console then stops
	 * following dissemination-service), not after the console's live timeout.
	 */
	@Test
	void aBrowserLeavingTheConsolesLivePageFreesTheUpstreamStream() throws Exception {
		HttpURLConnection connection = (HttpURLConnection) URI
			.create("http://localhost:" + this.port + "/console/siaran/b-1/langsung/aliran")
			.toURL()
			.openConnection();
		connection.setRequestProperty("Accept", "text/event-stream");
		connection.setReadTimeout(20_000);
		assertThat(connection.getResponseCode()).isEqualTo(200);
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
		assertThat(reader.readLine()).isEqualTo("event:counts");
		connection.disconnect();
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilTrue(CONSOLE_SAW_HANG_UP);
	}

	/**
	 * The console's event-stream page relays the agency event stream the same way: a
	 * browser that leaves frees the console's stream at once.
	 */
	@Test
	void aBrowserLeavingTheConsolesEventStreamPageFreesTheUpstreamStream() throws Exception {
		HttpURLConnection connection = (HttpURLConnection) URI
			.create("http://localhost:" + this.port + "/console/aliran/peristiwa")
			.toURL()
			.openConnection();
		connection.setRequestProperty("Accept", "text/event-stream");
		connection.setReadTimeout(20_000);
		assertThat(connection.getResponseCode()).isEqualTo(200);
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
		assertThat(reader.readLine()).isEqualTo("event:counts");
		connection.disconnect();
		Awaitility.await().atMost(Duration.ofSeconds(20)).untilTrue(CONSOLE_EVENTS_SAW_HANG_UP);
	}

	private static void consoleEvents(HttpExchange exchange) throws IOException {
		relayUntilHangUp(exchange, CONSOLE_EVENTS_SAW_HANG_UP);
	}

	private static void consoleLive(HttpExchange exchange) throws IOException {
		relayUntilHangUp(exchange, CONSOLE_SAW_HANG_UP);
	}

	private static void relayUntilHangUp(HttpExchange exchange, AtomicBoolean sawHangUp) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream body = exchange.getResponseBody()) {
			write(body, "event:counts\ndata:<p>1 / 3</p>\n\n");
			for (int i = 0; i < 400; i++) {
				write(body, ":heartbeat\n\n");
				Thread.sleep(50);
			}
		}
		catch (IOException ex) {
			sawHangUp.set(true);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void progress(HttpExchange exchange) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream body = exchange.getResponseBody()) {
			write(body, "event:progress\ndata:{\"status\":\"SENDING\",\"sent\":1}\n\n");
			PROGRESS_COMPLETED.await(20, TimeUnit.SECONDS);
			write(body, "event:progress\ndata:{\"status\":\"COMPLETED\",\"sent\":2}\n\n");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void stream(HttpExchange exchange) throws IOException {
		LAST_EVENT_ID.set(exchange.getRequestHeaders().getFirst("Last-Event-ID"));
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream body = exchange.getResponseBody()) {
			write(body, "id:62.71:42\ndata:{\"id\":\"e-42\"}\n\n");
			SECOND_EVENT.await(20, TimeUnit.SECONDS);
			write(body, "id:62.71:43\ndata:{\"id\":\"e-43\"}\n\n");
			// heartbeats until the hang-up reaches this end
			for (int i = 0; i < 400; i++) {
				write(body, ":heartbeat\n\n");
				Thread.sleep(50);
			}
		}
		catch (IOException ex) {
			UPSTREAM_SAW_HANG_UP.set(true);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void write(OutputStream body, String text) throws IOException {
		body.write(text.getBytes(StandardCharsets.UTF_8));
		body.flush();
	}

	private static HttpServer startStreamService() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			server.createContext("/api/streams/events", GatewayEventStreamTests::stream);
			server.createContext("/api/broadcasts/b-1/progress", GatewayEventStreamTests::progress);
			server.createContext("/console/siaran/b-1/langsung/aliran", GatewayEventStreamTests::consoleLive);
			server.createContext("/console/aliran/peristiwa", GatewayEventStreamTests::consoleEvents);
			server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String token() throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("agency-6271")
			.claim("roles", List.of("AGENCY"))
			.claim("kabupaten", "62.71")
			.issueTime(Date.from(Instant.now()))
			.expirationTime(Date.from(Instant.now().plusSeconds(300)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
		jwt.sign(new RSASSASigner(KEYS.getPrivate()));
		return jwt.serialize();
	}

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

	/** Verifies the test tokens with the test key. */
	@TestConfiguration(proxyBeanMethods = false)
	static class TestTokens {

		@Bean
		JwtDecoder jwtDecoder() {
			return NimbusJwtDecoder.withPublicKey((RSAPublicKey) KEYS.getPublic()).build();
		}

	}

}
