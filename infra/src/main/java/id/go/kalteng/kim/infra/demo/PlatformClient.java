package id.go.kalteng.kim.infra.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the public API the way a user's script would: a client-credentials token from the
 * issuer, then JSON over HTTP through the gateway with an {@code Idempotency-Key}, so a
 * retried call never creates anything twice.
 */
final class PlatformClient {

	private static final int ATTEMPTS = 8;

	private static final Duration PAUSE = Duration.ofMillis(1500);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final URI gateway;

	PlatformClient(URI gateway) {
		this.gateway = gateway;
	}

	String accessToken(URI tokenEndpoint, String clientId, String clientSecret) {
		String credentials = Base64.getEncoder()
			.encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
			.header("Authorization", "Basic " + credentials)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
		return send(request, 200).get("access_token").asString();
	}

	JsonNode post(String path, Object body, String idempotencyKey, String token) {
		HttpRequest request = HttpRequest.newBuilder(this.gateway.resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.POST(BodyPublishers.ofString(this.json.writeValueAsString(body)))
			.build();
		return send(request, 201);
	}

	/**
	 * A command that answers 200 (submit, approve), retried like every call.
	 */
	JsonNode command(String path, String token) {
		HttpRequest request = HttpRequest.newBuilder(this.gateway.resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.POST(BodyPublishers.noBody())
			.build();
		return send(request, 200);
	}

	JsonNode get(String path, String token) {
		HttpRequest request = HttpRequest.newBuilder(this.gateway.resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.GET()
			.build();
		return send(request, 200);
	}

	/**
	 * A webhook call signed as the sandbox provider signs it: {@code X-Kim-Timestamp}
	 * (Unix seconds) and {@code X-Sandbox-Signature}, {@code sha256=} and the hex
	 * HMAC-SHA256 of {@code timestamp + "." + body} under the shared secret.
	 */
	JsonNode signedWebhook(String path, Object body, String secret, long timestamp) {
		String json = this.json.writeValueAsString(body);
		HttpRequest request = HttpRequest.newBuilder(this.gateway.resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-Kim-Timestamp", String.valueOf(timestamp))
			.header("X-Sandbox-Signature", "sha256=" + hmac(secret, timestamp + "." + json))
			.POST(BodyPublishers.ofString(json))
			.build();
		return send(request, 200);
	}

	static String hmac(String secret, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * Creates something that exists at most once (its id comes from what it is, such as a
	 * kabupaten's Forum KIM).
	 * @return false when it already existed (409)
	 */
	boolean createOnce(String path, Object body, String token) {
		HttpRequest request = HttpRequest.newBuilder(this.gateway.resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(BodyPublishers.ofString(this.json.writeValueAsString(body)))
			.build();
		try {
			send(request, 201);
			return true;
		}
		catch (IllegalStateException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains(" answered 409")) {
				return false;
			}
			throw ex;
		}
	}

	/*
	 * A service that has just reported healthy may still be warming its routes or
	 * consumers: connection failures, 429 and 5xx are retried (safe, the requests are
	 * idempotent), any other answer is final.
	 */
	private JsonNode send(HttpRequest request, int expectedStatus) {
		RuntimeException last = null;
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			try {
				HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
				if (response.statusCode() == expectedStatus) {
					return this.json.readTree(response.body());
				}
				last = new IllegalStateException(request.method() + " " + request.uri() + " answered "
						+ response.statusCode() + ": " + response.body());
				if (!retryable(response.statusCode())) {
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
			pause();
		}
		throw last;
	}

	private static boolean retryable(int status) {
		return status == 429 || status >= 500;
	}

	static void pause() {
		try {
			Thread.sleep(PAUSE.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
