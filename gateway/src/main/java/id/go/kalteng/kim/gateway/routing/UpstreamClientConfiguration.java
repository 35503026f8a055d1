package id.go.kalteng.kim.gateway.routing;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;

/**
 * The HTTP client the routes forward with: Apache HttpClient 5 (classic, blocking on the
 * servlet thread, pooled keep-alive connections) instead of the JDK client, which hands
 * every exchange to its selector and worker threads and back. Boot's HTTP client settings
 * ({@code spring.http.clients.*}: timeouts, redirects) still apply.
 * <p>
 * A proxy must not keep state between callers or change what passes through: no cookie
 * store, no transparent decompression, no retry of an upstream 429/503; a request on a
 * pooled connection the upstream had just closed is retried once if idempotent, as the
 * JDK client did.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamClientConfiguration {

	private static final Log logger = LogFactory.getLog(UpstreamClientConfiguration.class);

	/**
	 * Connections kept per upstream service; a servlet thread waits for one beyond it.
	 */
	static final int CONNECTIONS_PER_UPSTREAM = 64;

	/** Idle pooled connections are closed after this. */
	static final TimeValue IDLE_CONNECTION_LIFETIME = TimeValue.ofSeconds(15);

	@Bean
	HttpComponentsClientHttpRequestFactoryBuilder upstreamRequestFactoryBuilder() {
		return ClientHttpRequestFactoryBuilder.httpComponents()
			.withConnectionManagerCustomizer((pool) -> pool.setMaxConnPerRoute(CONNECTIONS_PER_UPSTREAM)
				.setMaxConnTotal(4 * CONNECTIONS_PER_UPSTREAM))
			.withHttpClientCustomizer((client) -> client.disableCookieManagement()
				.disableContentCompression()
				.disableAuthCaching()
				// closed here before an upstream closes them (Tomcat: 60 s idle by
				// default)
				.evictIdleConnections(IDLE_CONNECTION_LIFETIME)
				.setRetryStrategy(new ConnectionRetryOnly())
				// straight to the upstream, no proxy look-up per request (the JDK client
				// used none)
				.setRoutePlanner(new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE)));
	}

	/**
	 * What the routes forward with: the pooled Apache client with Boot's
	 * {@code spring.http.clients.*} settings (in place of Boot's own factory bean),
	 * except for the agency event streams ({@link EventStreamRequests}); a service that
	 * runs more than once gets its requests in turn, a refused connection going to the
	 * next instance ({@link UpstreamInstances}).
	 */
	@Bean
	ClientHttpRequestFactory upstreamRequestFactory(HttpComponentsClientHttpRequestFactoryBuilder pooled,
			HttpClientSettings settings, UpstreamInstancesProperties instances) {
		UpstreamInstances balancing = new UpstreamInstances(new EventStreamRequests(pooled.build(settings)),
				instances.instances());
		balancing.balanced()
			.forEach((service, origins) -> logger.info(
					"Balancing " + service + " over " + origins + " (a refused connection goes to the next instance)"));
		return balancing;
	}

	/**
	 * Retries an idempotent request once after an I/O failure (e.g. a stale pooled
	 * connection), never after an answer: the upstream's 429 or 503 goes to the caller.
	 */
	static final class ConnectionRetryOnly extends DefaultHttpRequestRetryStrategy {

		ConnectionRetryOnly() {
			super(1, TimeValue.ZERO_MILLISECONDS);
		}

		@Override
		public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
			return false;
		}

	}

}
