package id.go.kalteng.kim.gateway.routing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.InterceptingClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * Forwards the agency event streams ({@code /api/streams/**}) and a broadcast's progress
 * ({@code /api/broadcasts/{id}/progress}, a live stream when asked for
 * {@code text/event-stream}) and the console's live delivery page so that a caller who
 * hangs up frees the upstream stream at once. The gateway flushes each chunk of a
 * {@code text/event-stream} as it comes (nothing is buffered), but when the caller goes
 * away it closes the upstream response, and Spring's client responses drain the body on
 * close to reuse the connection: an SSE body never ends, so the gateway thread and the
 * stream-service stream would stay busy for ever (Spring Cloud Gateway #3999). Here those
 * requests go through the JDK client, and closing their response closes the connection
 * without reading on. Every other route keeps the pooled client.
 */
class EventStreamRequests implements ClientHttpRequestFactory {

	/** Where the event streams live. */
	static final String STREAMS_PATH = "/api/streams/";

	/** A broadcast's progress, which may be a live stream too (dissemination-service). */
	static final Pattern PROGRESS_PATH = Pattern.compile("/api/broadcasts/[^/]+/progress");

	/**
	 * The console's live delivery page (its own stream, relaying a broadcast's progress
	 * to the browser).
	 */
	static final Pattern CONSOLE_LIVE_PATH = Pattern.compile("/console/siaran/[^/]+/langsung/aliran");

	/**
	 * The console's live event-stream page (its own stream, relaying the agency event
	 * stream to the browser).
	 */
	static final String CONSOLE_EVENTS_PATH = "/console/aliran/peristiwa";

	private final ClientHttpRequestFactory pooled;

	private final ClientHttpRequestFactory streams;

	EventStreamRequests(ClientHttpRequestFactory pooled) {
		this.pooled = pooled;
		ClientHttpRequestInterceptor hangUpOnClose = (request, body,
				execution) -> new HangUpOnClose(execution.execute(request, body));
		this.streams = new InterceptingClientHttpRequestFactory(new JdkClientHttpRequestFactory(HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build()), List.of(hangUpOnClose));
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
		String path = uri.getRawPath();
		boolean stream = path != null && (path.startsWith(STREAMS_PATH) || PROGRESS_PATH.matcher(path).matches()
				|| CONSOLE_LIVE_PATH.matcher(path).matches() || CONSOLE_EVENTS_PATH.equals(path));
		return (stream ? this.streams : this.pooled).createRequest(uri, httpMethod);
	}

	/**
	 * A response whose close ends the connection instead of reading the body to its end.
	 */
	private static final class HangUpOnClose implements ClientHttpResponse {

		private final ClientHttpResponse response;

		HangUpOnClose(ClientHttpResponse response) {
			this.response = response;
		}

		@Override
		public HttpStatusCode getStatusCode() throws IOException {
			return this.response.getStatusCode();
		}

		@Override
		public String getStatusText() throws IOException {
			return this.response.getStatusText();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.response.getHeaders();
		}

		@Override
		public InputStream getBody() throws IOException {
			return this.response.getBody();
		}

		@Override
		public void close() {
			try {
				this.response.getBody().close();
			}
			catch (IOException ex) {
				// the connection is gone either way
			}
		}

	}

}
