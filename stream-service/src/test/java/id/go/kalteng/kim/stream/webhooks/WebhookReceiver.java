package id.go.kalteng.kim.stream.webhooks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A receiver at a local HTTP address: records each request and verifies its signature as
 * a Standard Webhooks receiver does (its own HMAC code, not the sender's), answering with
 * a scripted status per path.
 */
final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, List<Integer>> scripts = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	WebhookReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		this.server.createContext("/", this::answer);
		this.server.start();
	}

	/** A URL of this receiver that answers the given statuses in turn, then 200. */
	String url(String path, Integer... statuses) {
		this.scripts.put("/" + path, List.of(statuses));
		return "http://localhost:" + this.server.getAddress().getPort() + "/" + path;
	}

	List<Received> at(String path) {
		return this.received.stream().filter((request) -> request.path().equals("/" + path)).toList();
	}

	private void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		byte[] body = exchange.getRequestBody().readAllBytes();
		this.received.add(new Received(path, exchange.getRequestHeaders().getFirst("webhook-id"),
				exchange.getRequestHeaders().getFirst("webhook-timestamp"),
				exchange.getRequestHeaders().getFirst("webhook-signature"), new String(body, StandardCharsets.UTF_8)));
		int call = this.calls.computeIfAbsent(path, (p) -> new AtomicInteger()).getAndIncrement();
		List<Integer> script = this.scripts.getOrDefault(path, List.of());
		int status = (call < script.size()) ? script.get(call) : 200;
		exchange.sendResponseHeaders(status, -1);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** One request the receiver got. */
	record Received(String path, String id, String timestamp, String signature, String body) {

		/**
		 * Whether the signature verifies with the secret, as the spec tells receivers.
		 */
		boolean verifiesWith(String secret) {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())),
						"HmacSHA256"));
				String expected = Base64.getEncoder()
					.encodeToString(mac
						.doFinal((this.id + "." + this.timestamp + "." + this.body).getBytes(StandardCharsets.UTF_8)));
				for (String candidate : this.signature.split(" ")) {
					if (candidate.equals("v1," + expected)) {
						return true;
					}
				}
				return false;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
