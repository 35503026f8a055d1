package id.go.kalteng.kim.console.live;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import id.go.kalteng.kim.console.ConsoleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Follows the agency event stream ({@code GET /api/streams/events}, stream-service
 * through the gateway) for one browser on the server side, with the user's token: the API
 * scopes it (an agency its kabupaten, an operator every kabupaten or those named). Each
 * event is handed on as stream-service sends it (already redacted: no phone, no name of a
 * person), each heartbeat too, so that a browser that went away is noticed within one.
 */
@Component
public class EventFeed {

	private static final Logger log = LoggerFactory.getLogger(EventFeed.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String gatewayUrl;

	EventFeed(ConsoleProperties properties) {
		this.gatewayUrl = properties.gatewayUrl();
	}

	/**
	 * One event of the stream.
	 *
	 * @param position the stream's id after it ({@code 62.71:126})
	 * @param type its CloudEvents type
	 * @param time when it happened (ISO-8601), or {@code null}
	 * @param kabupaten its kabupaten code, or {@code null}
	 * @param data its redacted payload
	 */
	public record Event(String position, String type, String time, String kabupaten, Map<String, Object> data) {

	}

	/**
	 * Follows until {@code stopped}, {@code until}, {@code maxEvents} or the end of the
	 * API's stream.
	 * @param kabupaten an operator's choice of kabupaten, or {@code null}
	 * @param fromOldest start from the oldest event kept instead of now
	 * @param token the user's access token
	 * @param stopped whether the browser has gone
	 * @param until how long to follow at most
	 * @param maxEvents how many events at most
	 * @param each called with every event
	 * @param heartbeat called on each heartbeat of the API's stream
	 * @param opened called with the API's open stream, so that whoever sees the browser
	 * go can close it at once
	 * @throws IOException when the API cannot be reached or refuses (its status in the
	 * message)
	 */
	public void follow(String kabupaten, boolean fromOldest, String token, BooleanSupplier stopped, Duration until,
			int maxEvents, Consumer<Event> each, Runnable heartbeat, Consumer<Closeable> opened)
			throws IOException, InterruptedException {
		StringBuilder query = new StringBuilder("?from=").append(fromOldest ? "oldest" : "latest");
		if (kabupaten != null && !kabupaten.isBlank()) {
			query.append("&kabupaten=").append(URLEncoder.encode(kabupaten, StandardCharsets.UTF_8));
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.gatewayUrl + "/api/streams/events" + query))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/event-stream")
			.timeout(until)
			.GET()
			.build();
		HttpResponse<InputStream> response = this.http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		String type = response.headers().firstValue("Content-Type").orElse("");
		if (response.statusCode() != 200 || !type.startsWith("text/event-stream")) {
			response.body().close();
			throw new StreamRefused(response.statusCode());
		}
		opened.accept(response.body());
		read(response.body(), stopped, System.nanoTime() + until.toNanos(), maxEvents, each, heartbeat);
	}

	/** Reads an event stream until it ends or we must stop. */
	static void read(InputStream body, BooleanSupplier stopped, long deadline, int maxEvents, Consumer<Event> each,
			Runnable heartbeat) throws IOException {
		int seen = 0;
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			StringBuilder data = new StringBuilder();
			String id = null;
			String name = null;
			String line;
			while ((line = reader.readLine()) != null) {
				if (stopped.getAsBoolean() || System.nanoTime() > deadline) {
					return;
				}
				if (line.isEmpty()) {
					if (data.length() > 0 && (name == null || "message".equals(name))) {
						Event event = parse(id, data.toString());
						if (event != null) {
							each.accept(event);
							if (++seen >= maxEvents) {
								return;
							}
						}
					}
					data.setLength(0);
					name = null;
				}
				else if (line.startsWith(":")) {
					heartbeat.run();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).stripLeading());
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3).strip();
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).strip();
				}
			}
		}
	}

	@SuppressWarnings("unchecked")
	static Event parse(String position, String json) {
		try {
			Map<String, Object> event = JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
			});
			Map<String, Object> data = (event.get("data") instanceof Map<?, ?> map) ? (Map<String, Object>) map
					: Map.of();
			return new Event(position, string(event.get("type")), string(event.get("time")),
					string(event.get("kabupaten")), data);
		}
		catch (RuntimeException ex) {
			log.debug("Ignoring a stream event that is not JSON: {}", ex.getMessage());
			return null;
		}
	}

	private static String string(Object value) {
		return (value != null) ? value.toString() : null;
	}

	/** The API answered the stream with something other than a stream. */
	public static class StreamRefused extends IOException {

		private final int status;

		StreamRefused(int status) {
			super("the event stream answered " + status);
			this.status = status;
		}

		public int status() {
			return this.status;
		}

	}

}
