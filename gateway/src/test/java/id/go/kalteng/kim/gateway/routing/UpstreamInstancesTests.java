package id.go.kalteng.kim.gateway.routing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two instances of a service behind the gateway's client: requests in turn, a refused
 * connection (a killed instance) going to the other one with its body, as the gateway
 * sends it (a streamed body, written only once connected).
 */
class UpstreamInstancesTests {

	private final Map<Integer, AtomicInteger> served = new ConcurrentHashMap<>();

	private final Map<Integer, String> bodies = new ConcurrentHashMap<>();

	private HttpServer first;

	private HttpServer second;

	@AfterEach
	void stop() {
		for (HttpServer server : new HttpServer[] { this.first, this.second }) {
			if (server != null) {
				server.stop(0);
			}
		}
	}

	@Test
	void takesTheInstancesInTurn() throws IOException {
		this.first = upstream(0);
		this.second = upstream(0);
		RestClient client = client(url(this.first), url(this.second));
		for (int i = 0; i < 10; i++) {
			assertThat(client.get().uri(url(this.first) + "/api/groups?page=" + i).retrieve().body(String.class))
				.isEqualTo("ok");
		}
		assertThat(this.served.get(port(this.first))).hasValue(5);
		assertThat(this.served.get(port(this.second))).hasValue(5);
	}

	@Test
	void aRefusedConnectionGoesToTheOtherInstanceWithItsBody() throws IOException {
		int dead = freePort();
		this.second = upstream(0);
		RestClient client = client("http://localhost:" + dead, url(this.second));
		for (int i = 0; i < 6; i++) {
			String body = "{\"n\":" + i + "}";
			assertThat(client.post()
				.uri("http://localhost:" + dead + "/api/broadcasts")
				.body((out) -> out.write(body.getBytes(StandardCharsets.UTF_8)))
				.retrieve()
				.body(String.class)).isEqualTo("ok");
			assertThat(this.bodies.get(port(this.second))).isEqualTo(body);
		}
		assertThat(this.served.get(port(this.second))).hasValue(6);
	}

	@Test
	void aRefusingInstanceIsTriedLastForAWhile() throws IOException {
		int dead = freePort();
		this.second = upstream(0);
		AtomicLong now = new AtomicLong();
		List<URI> instances = List.of(URI.create("http://localhost:" + dead), URI.create(url(this.second)));
		RecordingFactory recording = new RecordingFactory();
		UpstreamInstances balancing = new UpstreamInstances(recording, Map.of("group-service", instances), now::get);
		RestClient client = RestClient.builder().requestFactory(balancing).build();
		for (int i = 0; i < 4; i++) {
			client.get().uri(url(this.second) + "/x").retrieve().toBodilessEntity();
		}
		// one refusal, then the dead instance waits its turn behind the live one
		assertThat(recording.ports).containsExactly(dead, port(this.second), port(this.second), port(this.second),
				port(this.second));
		now.addAndGet(UpstreamInstances.REFUSED_FOR_NANOS + 1);
		recording.ports.clear();
		client.get().uri(url(this.second) + "/x").retrieve().toBodilessEntity();
		client.get().uri(url(this.second) + "/x").retrieve().toBodilessEntity();
		assertThat(recording.ports).contains(dead);
	}

	@Test
	void noInstanceTakingTheConnectionFailsAsBefore() throws IOException {
		int dead = freePort();
		int alsoDead = freePort();
		RestClient client = client("http://localhost:" + dead, "http://localhost:" + alsoDead);
		assertThatThrownBy(() -> client.get().uri("http://localhost:" + alsoDead + "/x").retrieve().body(String.class))
			.isInstanceOf(ResourceAccessException.class);
	}

	@Test
	void aServiceWithOneUrlIsNotTouched() {
		UpstreamInstances balancing = new UpstreamInstances(new HttpComponentsClientHttpRequestFactory(),
				Map.of("group-service", List.of(URI.create("http://localhost:8081")), "stream-service", List.of()));
		assertThat(balancing.balanced()).isEmpty();
	}

	@Test
	void anInstanceUrlBelongsToOneService() {
		List<URI> shared = List.of(URI.create("http://localhost:8081"), URI.create("http://localhost:9081"));
		assertThatThrownBy(() -> new UpstreamInstances(new HttpComponentsClientHttpRequestFactory(),
				new java.util.TreeMap<>(Map.of("group-service", shared, "activity-service",
						List.of(URI.create("http://localhost:9081"), URI.create("http://localhost:9082"))))))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("http://localhost:9081");
	}

	@Test
	void movesOnlyTheOrigin() {
		assertThat(UpstreamInstances.withOrigin(URI.create("http://localhost:8081/api/groups/g%2F1?q=a%20b&x=1"),
				URI.create("http://localhost:9081")))
			.hasToString("http://localhost:9081/api/groups/g%2F1?q=a%20b&x=1");
	}

	private RestClient client(String... instances) {
		List<URI> urls = java.util.Arrays.stream(instances).map(URI::create).toList();
		return RestClient.builder()
			.requestFactory(
					new UpstreamInstances(new HttpComponentsClientHttpRequestFactory(), Map.of("group-service", urls)))
			.build();
	}

	private HttpServer upstream(int port) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		int bound = server.getAddress().getPort();
		server.createContext("/", (exchange) -> {
			this.bodies.put(bound, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			this.served.computeIfAbsent(bound, (key) -> new AtomicInteger()).incrementAndGet();
			byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, ok.length);
			exchange.getResponseBody().write(ok);
			exchange.close();
		});
		server.start();
		return server;
	}

	private static String url(HttpServer server) {
		return "http://localhost:" + port(server);
	}

	private static int port(HttpServer server) {
		return server.getAddress().getPort();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** The ports requests were made to, in order. */
	private static final class RecordingFactory extends HttpComponentsClientHttpRequestFactory {

		final List<Integer> ports = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Override
		public org.springframework.http.client.ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod)
				throws java.io.IOException {
			this.ports.add(uri.getPort());
			return super.createRequest(uri, httpMethod);
		}

	}

}
