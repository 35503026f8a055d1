package id.go.kalteng.kim.notification.provider;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import id.go.kalteng.kim.notification.delivery.ProviderUnavailableException;
import id.go.kalteng.kim.support.observability.TraceContexts;

/**
 * HTTP to a provider, with what its failures mean for the message: no connection
 * (refused, connect timeout) means the provider certainly did not take it
 * ({@link ProviderUnavailableException}: retried after a backoff); no answer in time, or
 * a connection broken after the request went out, means it may have
 * ({@link OutcomeUnknownException}: resent only to a provider that deduplicates, else
 * UNKNOWN until a delivery report tells).
 * <p>
 * A request made inside a trace (the send's span, {@code ProviderLatency}) carries its
 * W3C {@code traceparent}, so a provider's own tracing (or a proxy's log) can be joined
 * to the platform's trace.
 */
final class ProviderHttp {

	private final HttpClient client;

	private final Duration readTimeout;

	ProviderHttp(Duration connectTimeout, Duration readTimeout) {
		this.client = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.readTimeout = readTimeout;
	}

	/** A provider's answer: status and body. */
	record Answer(int status, String body) {

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

	}

	Answer post(URI uri, Map<String, String> headers, String contentType, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(this.readTimeout)
			.header("Content-Type", contentType)
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		String traceparent = TraceContexts.current();
		if (traceparent != null) {
			request.header(TraceContexts.TRACEPARENT, traceparent);
		}
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body());
		}
		catch (HttpConnectTimeoutException | ConnectException ex) {
			throw new ProviderUnavailableException("could not connect to " + uri.getHost() + ": " + ex, ex);
		}
		catch (HttpTimeoutException ex) {
			throw new OutcomeUnknownException("no answer from " + uri.getHost() + " within " + this.readTimeout, ex);
		}
		catch (IOException ex) {
			if (ex.getCause() instanceof ConnectException) {
				throw new ProviderUnavailableException("could not connect to " + uri.getHost() + ": " + ex, ex);
			}
			throw new OutcomeUnknownException("connection to " + uri.getHost() + " broken: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new OutcomeUnknownException("interrupted while sending to " + uri.getHost(), ex);
		}
	}

	/** The request may have reached the provider: the outcome is unknown. */
	static final class OutcomeUnknownException extends RuntimeException {

		OutcomeUnknownException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
