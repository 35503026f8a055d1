package id.go.kalteng.kim.console.live;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import id.go.kalteng.kim.console.ConsoleProperties;
import id.go.kalteng.kim.console.api.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Follows a broadcast's progress for one browser on the server side, with the user's
 * token (which never reaches the browser): the API's live stream ({@code /progress} with
 * {@code Accept: text/event-stream}) when it offers one, otherwise its {@code /progress}
 * answer once a second. Either way it ends when the broadcast reaches a final status,
 * when the browser has gone, or when the given time is up.
 */
@Component
public class ProgressFeed {

	private static final Logger log = LoggerFactory.getLogger(ProgressFeed.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String gatewayUrl;

	ProgressFeed(ConsoleProperties properties) {
		this.gatewayUrl = properties.gatewayUrl();
	}

	/**
	 * Follows until a final status, {@code stopped} or {@code until}.
	 * @param broadcastId the broadcast
	 * @param token the user's access token
	 * @param stopped whether the browser has gone
	 * @param until how long to follow at most
	 * @param each called with every progress seen
	 * @param opened called with the API's open stream, so that whoever sees the browser
	 * go can close it at once (a quiet stream would otherwise hold this thread until its
	 * next event)
	 * @throws IOException when the API cannot be reached or refuses
	 */
	public void follow(String broadcastId, String token, BooleanSupplier stopped, Duration until,
			Consumer<Progress> each, Consumer<Closeable> opened) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + until.toNanos();
		URI uri = URI.create(this.gatewayUrl + "/api/broadcasts/" + broadcastId + "/progress");
		HttpRequest streamRequest = HttpRequest.newBuilder(uri)
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/event-stream")
			.timeout(until)
			.GET()
			.build();
		HttpResponse<InputStream> response = this.http.send(streamRequest, HttpResponse.BodyHandlers.ofInputStream());
		String type = response.headers().firstValue("Content-Type").orElse("");
		if (response.statusCode() == 200 && type.startsWith("text/event-stream")) {
			opened.accept(response.body());
			if (readStream(response.body(), stopped, deadline, each)) {
				return;
			}
			// the stream ended before a final status: go on asking
		}
		else {
			response.body().close();
			if (response.statusCode() != 200 && response.statusCode() != 406 && response.statusCode() != 415) {
				throw new IOException("progress answered " + response.statusCode());
			}
		}
		poll(uri, token, stopped, deadline, each);
	}

	/**
	 * Reads the API's event stream; true once a final status was seen or we must stop.
	 */
	private boolean readStream(InputStream body, BooleanSupplier stopped, long deadline, Consumer<Progress> each)
			throws IOException {
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			StringBuilder data = new StringBuilder();
			String line;
			while ((line = reader.readLine()) != null) {
				if (stopped.getAsBoolean() || System.nanoTime() > deadline) {
					return true;
				}
				if (line.isEmpty()) {
					if (data.length() > 0) {
						Progress progress = parse(data.toString());
						data.setLength(0);
						if (progress != null) {
							each.accept(progress);
							if (progress.isFinal()) {
								return true;
							}
						}
					}
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5).stripLeading());
				}
			}
			return false;
		}
	}

	private void poll(URI uri, String token, BooleanSupplier stopped, long deadline, Consumer<Progress> each)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(15))
			.GET()
			.build();
		while (!stopped.getAsBoolean() && System.nanoTime() < deadline) {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IOException("progress answered " + response.statusCode());
			}
			Progress progress = parse(response.body());
			if (progress != null) {
				each.accept(progress);
				if (progress.isFinal()) {
					return;
				}
			}
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
	}

	static Progress parse(String json) {
		try {
			return Progress.of(JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
			}));
		}
		catch (RuntimeException ex) {
			log.debug("Ignoring a progress event that is not JSON: {}", ex.getMessage());
			return null;
		}
	}

}
