package id.go.kalteng.kim.console.live;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import id.go.kalteng.kim.console.ConsoleProperties;
import id.go.kalteng.kim.console.api.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The console follows a broadcast's progress from the API's event stream when it offers
 * one, and from its JSON answer otherwise, until a final status; with the user's token.
 */
class ProgressFeedTests {

	private HttpServer api;

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		if (this.api != null) {
			this.api.stop(0);
		}
	}

	@Test
	void followsTheApisEventStreamUntilTheBroadcastCompletes() throws Exception {
		ProgressFeed feed = feedAnswering((exchange) -> {
			assertThat(exchange.getRequestHeaders().getFirst("Accept")).isEqualTo("text/event-stream");
			String events = event("SENDING", 1) + ": a comment line\n\n" + event("SENDING", 2) + event("COMPLETED", 3)
					+ event("COMPLETED", 3);
			send(exchange, 200, "text/event-stream", events);
		});
		List<Progress> seen = new CopyOnWriteArrayList<>();

		feed.follow("b-1", "token-1", () -> false, Duration.ofMinutes(1), seen::add, (stream) -> {
		});

		assertThat(seen).extracting(Progress::processed).containsExactly(1L, 2L, 3L);
		assertThat(seen.get(2).status()).isEqualTo("COMPLETED");
		assertThat(this.authorizations).containsOnly("Bearer token-1");
	}

	@Test
	void asksForTheJsonAnswerWhenTheApiHasNoStreamUntilAFinalStatus() throws Exception {
		AtomicInteger polls = new AtomicInteger();
		ProgressFeed feed = feedAnswering((exchange) -> {
			if ("text/event-stream".equals(exchange.getRequestHeaders().getFirst("Accept"))) {
				send(exchange, 406, "application/problem+json", "{\"title\":\"Not Acceptable\"}");
				return;
			}
			String status = (polls.incrementAndGet() < 2) ? "SENDING" : "CANCELLED";
			send(exchange, 200, "application/json", json(status, polls.get()));
		});
		List<Progress> seen = new CopyOnWriteArrayList<>();

		feed.follow("b-1", "token-1", () -> false, Duration.ofMinutes(1), seen::add, (stream) -> {
		});

		assertThat(seen).extracting(Progress::status).containsExactly("SENDING", "CANCELLED");
	}

	@Test
	void aRefusalIsAnErrorNotAnEndlessWait() throws Exception {
		ProgressFeed feed = feedAnswering(
				(exchange) -> send(exchange, 404, "application/problem+json", "{\"title\":\"Not Found\"}"));

		assertThatIOException()
			.isThrownBy(() -> feed.follow("b-1", "token-1", () -> false, Duration.ofMinutes(1), (progress) -> {
			}, (stream) -> {
			}));
	}

	private ProgressFeed feedAnswering(Handler handler) throws IOException {
		this.api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.api.createContext("/api/broadcasts/b-1/progress", (exchange) -> {
			this.authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
			handler.handle(exchange);
		});
		this.api.start();
		return new ProgressFeed(
				new ConsoleProperties("http://localhost/console", "http://localhost:" + this.api.getAddress().getPort(),
						"http://localhost:9999", "kim-console", Duration.ofMinutes(1)));
	}

	private static String event(String status, int processed) {
		return "event: progress\nid: " + processed + "\ndata: " + json(status, processed) + "\n\n";
	}

	private static String json(String status, int sent) {
		return "{\"status\":\"" + status + "\",\"recipients\":3,\"queued\":" + (3 - sent) + ",\"sent\":" + sent
				+ ",\"delivered\":0,\"read\":0,\"failed\":0,\"suppressed\":0}";
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@FunctionalInterface
	interface Handler {

		void handle(HttpExchange exchange) throws IOException;

	}

}
