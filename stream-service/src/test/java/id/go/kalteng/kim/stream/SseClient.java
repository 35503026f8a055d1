package id.go.kalteng.kim.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an SSE stream the way {@code curl -N} or an EventSource does: over HTTP, line by
 * line, and can drop the connection at any point.
 */
public final class SseClient implements AutoCloseable {

	private final HttpURLConnection connection;

	private final BufferedReader reader;

	private final int status;

	private final List<String> comments = new ArrayList<>();

	public SseClient(URI uri, String token, String lastEventId) {
		try {
			this.connection = (HttpURLConnection) uri.toURL().openConnection();
			this.connection.setRequestProperty("Accept", "text/event-stream");
			if (token != null) {
				this.connection.setRequestProperty("Authorization", "Bearer " + token);
			}
			if (lastEventId != null) {
				this.connection.setRequestProperty("Last-Event-ID", lastEventId);
			}
			this.connection.setReadTimeout(30_000);
			this.status = this.connection.getResponseCode();
			this.reader = (this.status == 200) ? new BufferedReader(
					new InputStreamReader(this.connection.getInputStream(), StandardCharsets.UTF_8)) : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int status() {
		return this.status;
	}

	public String contentType() {
		return this.connection.getContentType();
	}

	/**
	 * The next event (comments are collected on the side); null when the stream ended.
	 */
	public Event next() {
		try {
			String id = null;
			String name = null;
			StringBuilder data = new StringBuilder();
			String line;
			while ((line = this.reader.readLine()) != null) {
				if (line.isEmpty()) {
					if (data.length() > 0 || name != null) {
						return new Event(id, (name != null) ? name : "message", data.toString());
					}
					continue;
				}
				if (line.startsWith(":")) {
					this.comments.add(line.substring(1));
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3).trim();
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).trim();
				}
				else if (line.startsWith("data:")) {
					if (data.length() > 0) {
						data.append('\n');
					}
					data.append(line.substring(5).strip());
				}
			}
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Reads on to the next comment line (a heartbeat), skipping events. */
	public String nextComment() {
		try {
			String line;
			while ((line = this.reader.readLine()) != null) {
				if (line.startsWith(":")) {
					return line.substring(1);
				}
			}
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The comment lines read so far (heartbeats). */
	public List<String> comments() {
		return List.copyOf(this.comments);
	}

	@Override
	public void close() {
		this.connection.disconnect();
	}

	/** One server-sent event. */
	public record Event(String id, String name, String data) {

	}

}
