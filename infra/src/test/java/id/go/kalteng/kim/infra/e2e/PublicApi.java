package id.go.kalteng.kim.infra.e2e;

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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's public API as a user's script sees it: tokens from the issuer, JSON
 * through the gateway.
 */
final class PublicApi {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final String gateway;

	private final String issuer;

	PublicApi(String gateway, String issuer) {
		this.gateway = gateway;
		this.issuer = issuer;
	}

	/**
	 * A demo client's token (the published secret: the test platform runs on loopback).
	 */
	String token(String clientId) throws IOException, InterruptedException {
		return token(clientId, "kim-demo");
	}

	Answer post(String path, String token, Object body) throws IOException, InterruptedException {
		HttpRequest request = request(path, token).header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(BodyPublishers.ofString(this.json.writeValueAsString(body)))
			.build();
		return send(request);
	}

	Answer delete(String path, String token) throws IOException, InterruptedException {
		return send(request(path, token).DELETE().build());
	}

	Answer get(String path, String token) throws IOException, InterruptedException {
		return send(request(path, token).GET().build());
	}

	/**
	 * Any request through the gateway.
	 * @param token the bearer token, or {@code null} for none
	 * @param body the body, or {@code null} for none
	 */
	Answer call(String method, String pathAndQuery, String token, Map<String, String> headers, String contentType,
			byte[] body) throws IOException, InterruptedException {
		return callAt(this.gateway, method, pathAndQuery, token, headers, contentType, body);
	}

	/** Any request to any process of the platform, e.g. a service's own port. */
	Answer callAt(String baseUrl, String method, String pathAndQuery, String token, Map<String, String> headers,
			String contentType, byte[] body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
			.timeout(Duration.ofSeconds(30));
		if (headers.keySet().stream().noneMatch("Accept"::equalsIgnoreCase)) {
			request.header("Accept", "application/json, application/problem+json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if ("POST".equals(method)) {
			request.header("Idempotency-Key", UUID.randomUUID().toString());
		}
		headers.forEach(request::header);
		request.method(method, (body != null) ? BodyPublishers.ofByteArray(body) : BodyPublishers.noBody());
		return send(request.build());
	}

	/** A client's token from the issuer, with an explicit secret. */
	String token(String clientId, String secret) throws IOException, InterruptedException {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.issuer + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
		Answer answer = send(request);
		if (answer.status() != 200) {
			throw new IllegalStateException("No token for " + clientId + ": " + answer);
		}
		return answer.body().get("access_token").asString();
	}

	private HttpRequest.Builder request(String path, String token) {
		return HttpRequest.newBuilder(URI.create(this.gateway + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json, application/problem+json");
	}

	private Answer send(HttpRequest request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
		return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				response.body());
	}

	/**
	 * One response: its status, content type and JSON body.
	 *
	 * @param status the HTTP status
	 * @param contentType the Content-Type header, empty when absent
	 * @param text the body as received
	 */
	record Answer(int status, String contentType, String text) {

		private static final JsonMapper JSON = JsonMapper.builder().build();

		boolean successful() {
			return this.status >= 200 && this.status < 300;
		}

		JsonNode body() {
			return JSON.readTree(this.text);
		}

		String id() {
			return body().get("id").asString();
		}

	}

}
