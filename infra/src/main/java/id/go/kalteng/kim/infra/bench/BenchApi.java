package id.go.kalteng.kim.infra.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public API as the benchmark calls it: JSON over HTTP as one of the demo clients,
 * with a bearer token it asks the issuer for (again well before the token's hour is up,
 * so a run of hours keeps going).
 */
public final class BenchApi {

	private static final Duration TOKEN_REUSE = Duration.ofMinutes(20);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final URI base;

	private final URI tokenEndpoint;

	private final String secret;

	private final Map<String, Token> tokens = new ConcurrentHashMap<>();

	private record Token(String value, long obtained) {
	}

	public BenchApi(URI base, URI tokenEndpoint, String secret) {
		this.base = base;
		this.tokenEndpoint = tokenEndpoint;
		this.secret = secret;
	}

	/** A bearer token of a demo client, asked for again after 20 minutes. */
	public String bearer(String clientId) {
		return this.tokens
			.compute(clientId,
					(id, token) -> (token != null && System.nanoTime() - token.obtained() < TOKEN_REUSE.toNanos())
							? token
							: new Token(token(this.http, this.tokenEndpoint, id, this.secret), System.nanoTime()))
			.value();
	}

	public HttpClient http() {
		return this.http;
	}

	static String token(HttpClient http, URI tokenEndpoint, String clientId, String secret) {
		String credentials = Base64.getEncoder()
			.encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
			.header("Authorization", "Basic " + credentials)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
		String body = send(http, request, 200);
		return JsonMapper.builder().build().readTree(body).get("access_token").asString();
	}

	/** GET as a demo client ({@code operator-1}). */
	public JsonNode get(String path, String client) {
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + bearer(client))
			.header("Accept", "application/json")
			.GET()
			.build();
		return this.json.readTree(send(this.http, request, 200));
	}

	/**
	 * One GET with its own timeout, not repeated on a timeout or a 5xx: for a request
	 * whose every attempt costs the server a whole scan (the 100k preview), where a
	 * repeat would pile scans up behind a slow one.
	 */
	public JsonNode getOnce(String path, String client, Duration timeout) {
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve(path))
			.timeout(timeout)
			.header("Authorization", "Bearer " + bearer(client))
			.header("Accept", "application/json")
			.GET()
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode() + ": "
						+ abbreviate(response.body()));
			}
			return this.json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + request.uri() + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	public JsonNode post(String path, Object body, String client, int expected) {
		return this.json
			.readTree(postRaw(path, "application/json", this.json.writeValueAsString(body), client, expected));
	}

	public String postRaw(String path, String contentType, String body, String client, int expected) {
		return postRaw(path, contentType, body, client, expected, UUID.randomUUID().toString());
	}

	/** A POST with the caller's idempotency key (the same key for a call made again). */
	public String postRaw(String path, String contentType, String body, String client, int expected,
			String idempotencyKey) {
		HttpRequest request = HttpRequest.newBuilder(this.base.resolve(path))
			.timeout(Duration.ofSeconds(120))
			.header("Authorization", "Bearer " + bearer(client))
			.header("Content-Type", contentType)
			.header("Accept", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.POST(BodyPublishers.ofString(body))
			.build();
		return send(this.http, request, expected);
	}

	/**
	 * A POST whose answer does not matter (e.g. cancelling a draft): false when it
	 * failed.
	 */
	public boolean tryPost(String path, String client) {
		try {
			postRaw(path, "application/json", "{}", client, 200);
			return true;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	/** A value as JSON text. */
	public String toJson(Object value) {
		return this.json.writeValueAsString(value);
	}

	/** JSON text as a tree. */
	public JsonNode parse(String text) {
		return this.json.readTree(text);
	}

	private static String send(HttpClient http, HttpRequest request, int expected) {
		IllegalStateException last = null;
		for (int attempt = 1; attempt <= 5; attempt++) {
			try {
				HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
				if (response.statusCode() == expected) {
					return response.body();
				}
				last = new IllegalStateException(request.method() + " " + request.uri() + " answered "
						+ response.statusCode() + ": " + abbreviate(response.body()));
				if (response.statusCode() != 429 && response.statusCode() < 500) {
					throw last;
				}
			}
			catch (IOException ex) {
				last = new IllegalStateException(request.method() + " " + request.uri() + " failed: " + ex, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted", ex);
			}
			Pause.millis(1000);
		}
		throw last;
	}

	public static String abbreviate(String text) {
		return (text == null || text.length() <= 400) ? text : text.substring(0, 400) + "...";
	}

	/**
	 * Waiting between polls of the platform (a benchmark polls; tests use Awaitility).
	 */
	public static final class Pause {

		private Pause() {
		}

		public static void millis(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted", ex);
			}
		}

	}

}
