package id.go.kalteng.kim.gateway.routing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Spreads a route's requests over its service's instances
 * ({@link UpstreamInstancesProperties}): a request for any of them goes to the next one
 * in turn. When an instance refuses the connection (stopped, killed, restarting) the same
 * request goes to the next one, which is safe for every method because nothing of it was
 * sent: the body is written only once a connection stands. An instance that refused is
 * tried last for {@link #REFUSED_FOR_NANOS}. A failure after the connection (a timeout, a
 * reset mid-answer) is not retried: the caller gets 503 as before
 * ({@link UpstreamFailureResolver}). A service with one URL, or none configured, goes
 * straight to the delegate. A request is matched to its service by the origin (scheme,
 * host, port) its route sends it to, so an instance URL belongs to one service only (and
 * no other route may use it).
 */
final class UpstreamInstances implements ClientHttpRequestFactory {

	private static final Log logger = LogFactory.getLog(UpstreamInstances.class);

	/** How long an instance that refused a connection is tried after the others. */
	static final long REFUSED_FOR_NANOS = TimeUnit.SECONDS.toNanos(5);

	private final ClientHttpRequestFactory delegate;

	/** Each configured instance's origin → the instances of its service. */
	private final Map<String, Service> services = new HashMap<>();

	private final LongSupplier nanoTime;

	UpstreamInstances(ClientHttpRequestFactory delegate, Map<String, List<URI>> instances) {
		this(delegate, instances, System::nanoTime);
	}

	UpstreamInstances(ClientHttpRequestFactory delegate, Map<String, List<URI>> instances, LongSupplier nanoTime) {
		this.delegate = delegate;
		this.nanoTime = nanoTime;
		instances.forEach((name, urls) -> {
			List<URI> origins = urls.stream()
				.filter(Objects::nonNull)
				.map(UpstreamInstances::origin)
				.distinct()
				.toList();
			if (origins.size() > 1) {
				Service service = new Service(name, origins);
				for (URI origin : origins) {
					Service other = this.services.put(origin.toString(), service);
					if (other != null) {
						throw new IllegalArgumentException(origin + " is an instance of both " + other.name + " and "
								+ name + ": each instance URL belongs to one service");
					}
				}
			}
		});
	}

	/** The services that run more than once, with their instances. */
	Map<String, List<URI>> balanced() {
		Map<String, List<URI>> balanced = new LinkedHashMap<>();
		this.services.values().forEach((service) -> balanced.put(service.name, service.origins));
		return balanced;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod method) throws IOException {
		Service service = this.services.get(origin(uri).toString());
		return (service != null) ? new FailoverRequest(service, uri, method) : this.delegate.createRequest(uri, method);
	}

	static URI origin(URI uri) {
		try {
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("not a base URL: " + uri, ex);
		}
	}

	/**
	 * The same request URI on another instance (path and query as they were, encoded).
	 */
	static URI withOrigin(URI uri, URI origin) {
		return URI.create(origin.toString() + Objects.toString(uri.getRawPath(), "")
				+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : ""));
	}

	/** Whether the failure is a refused connection (nothing of the request was sent). */
	static boolean refused(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException) {
				return true;
			}
		}
		return false;
	}

	/** The instances of one service, taken in turn. */
	private final class Service {

		private final String name;

		private final List<URI> origins;

		private final AtomicInteger next = new AtomicInteger();

		private final Map<URI, Long> refusedAt = new ConcurrentHashMap<>();

		Service(String name, List<URI> origins) {
			this.name = name;
			this.origins = List.copyOf(origins);
		}

		/** The order to try this request's instances in: the next in turn first. */
		List<URI> order() {
			int start = Math.floorMod(this.next.getAndIncrement(), this.origins.size());
			List<URI> healthy = new ArrayList<>();
			List<URI> refusing = new ArrayList<>();
			long now = UpstreamInstances.this.nanoTime.getAsLong();
			for (int i = 0; i < this.origins.size(); i++) {
				URI origin = this.origins.get((start + i) % this.origins.size());
				Long at = this.refusedAt.get(origin);
				(at != null && now - at < REFUSED_FOR_NANOS ? refusing : healthy).add(origin);
			}
			healthy.addAll(refusing);
			return healthy;
		}

		void refused(URI origin) {
			this.refusedAt.put(origin, UpstreamInstances.this.nanoTime.getAsLong());
		}

		void answered(URI origin) {
			this.refusedAt.remove(origin);
		}

	}

	/**
	 * A request that is built up here (headers, attributes, body) and sent to the first
	 * instance that takes the connection.
	 */
	private final class FailoverRequest implements ClientHttpRequest, StreamingHttpOutputMessage {

		private final Service service;

		private final URI uri;

		private final HttpMethod method;

		private final HttpHeaders headers = new HttpHeaders();

		private final Map<String, Object> attributes = new LinkedHashMap<>();

		private Body body;

		private ByteArrayOutputStream buffered;

		FailoverRequest(Service service, URI uri, HttpMethod method) {
			this.service = service;
			this.uri = uri;
			this.method = method;
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		public Map<String, Object> getAttributes() {
			return this.attributes;
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public void setBody(Body body) {
			this.body = body;
		}

		@Override
		public OutputStream getBody() {
			if (this.buffered == null) {
				this.buffered = new ByteArrayOutputStream();
			}
			return this.buffered;
		}

		@Override
		public ClientHttpResponse execute() throws IOException {
			IOException last = null;
			Collection<URI> order = this.service.order();
			for (URI origin : order) {
				ClientHttpRequest request = UpstreamInstances.this.delegate.createRequest(withOrigin(this.uri, origin),
						this.method);
				request.getHeaders().putAll(this.headers);
				request.getAttributes().putAll(this.attributes);
				AtomicBoolean written = new AtomicBoolean();
				if (this.body != null) {
					Body once = this.body;
					if (request instanceof StreamingHttpOutputMessage streaming) {
						streaming.setBody((out) -> {
							written.set(true);
							once.writeTo(out);
						});
					}
					else {
						written.set(true);
						once.writeTo(request.getBody());
					}
				}
				else if (this.buffered != null) {
					// replayable: written again to whichever instance takes it
					this.buffered.writeTo(request.getBody());
				}
				try {
					ClientHttpResponse response = request.execute();
					this.service.answered(origin);
					return response;
				}
				catch (IOException ex) {
					if (!refused(ex) || written.get()) {
						throw ex;
					}
					this.service.refused(origin);
					logger.warn(
							this.service.name + " at " + origin + " refused the connection; trying the next instance");
					last = ex;
				}
			}
			throw Objects.requireNonNull(last);
		}

	}

}
