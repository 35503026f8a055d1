package id.go.kalteng.kim.infra.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The providers notification-service sends to during {@code ./kim faults}, as one HTTP
 * server speaking the two APIs it has adapters for: Infobip's SMS API
 * ({@code POST /infobip/sms/2/text/advanced}) and WhatsApp Cloud API ({@code POST
 * /whatsapp/{phone-number-id}/messages}). It records every request it got: channel,
 * recipient, the notification id the platform put in it, its answer and when. Its
 * records, not the platform's statuses, are what the suite counts. It can play an SMS
 * outage (503 to every SMS) and numbers not on WhatsApp (code 131026).
 */
public final class ProviderStub implements AutoCloseable {

	/** The channel a request came on. */
	public enum Channel {

		SMS, WHATSAPP

	}

	/**
	 * One request the stub answered.
	 *
	 * @param seq its order of arrival, from 1
	 * @param channel SMS or WhatsApp
	 * @param phone the recipient as sent (international digits, no +)
	 * @param notificationId Infobip's {@code messageId}, WhatsApp's
	 * {@code biz_opaque_callback_data}
	 * @param status the HTTP status answered
	 * @param accepted the stub took the message (a real provider would deliver it)
	 * @param receivedNanos System.nanoTime() when the request arrived
	 * @param answeredNanos System.nanoTime() when it was answered
	 */
	public record Send(long seq, Channel channel, String phone, String notificationId, int status, boolean accepted,
			long receivedNanos, long answeredNanos) {
	}

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService threads = Executors.newFixedThreadPool(64);

	private final ConcurrentLinkedQueue<Send> sends = new ConcurrentLinkedQueue<>();

	private final Map<Long, Long> open = new ConcurrentHashMap<>();

	private final Map<Long, String> traceparents = new ConcurrentHashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	private final long delayMillis;

	private volatile boolean smsFailing;

	private volatile Predicate<String> notOnWhatsApp = (phone) -> false;

	/**
	 * @param port where it listens (loopback)
	 * @param delayMillis how long each answer takes, so that requests are in flight when
	 * a process is killed
	 */
	public ProviderStub(int port, long delayMillis) throws IOException {
		this.delayMillis = delayMillis;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.threads);
		this.server.start();
	}

	/** The port it listens on. */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/** While true every SMS is answered 503 (and not taken). */
	public void smsFailing(boolean failing) {
		this.smsFailing = failing;
	}

	/** The numbers answered 131026 (not on WhatsApp, undeliverable). */
	public void notOnWhatsApp(Predicate<String> phones) {
		this.notOnWhatsApp = phones;
	}

	/** Every request answered so far, in order of arrival. */
	public List<Send> sends() {
		List<Send> all = new ArrayList<>(this.sends);
		all.sort((a, b) -> Long.compare(a.seq(), b.seq()));
		return all;
	}

	/**
	 * The requests in flight now: open, or answered within the last {@code windowMillis}
	 * (their answer may not yet be recorded by the sender).
	 * @return their sequence numbers
	 */
	public Set<Long> inFlight(long windowMillis) {
		long now = System.nanoTime();
		Set<Long> seqs = new HashSet<>(this.open.keySet());
		for (Send send : this.sends) {
			if (now - send.answeredNanos() <= windowMillis * 1_000_000L) {
				seqs.add(send.seq());
			}
		}
		return seqs;
	}

	/**
	 * The W3C {@code traceparent} header a request came with.
	 * @param seq the request's sequence number
	 * @return the header, or null when it had none
	 */
	public String traceparent(long seq) {
		return this.traceparents.get(seq);
	}

	private void handle(HttpExchange exchange) throws IOException {
		long received = System.nanoTime();
		long seq = this.sequence.incrementAndGet();
		this.open.put(seq, received);
		String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
		if (traceparent != null) {
			this.traceparents.put(seq, traceparent);
		}
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			JsonNode body;
			try (InputStream in = exchange.getRequestBody()) {
				body = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
			pause();
			if (!"POST".equals(exchange.getRequestMethod()) || body == null) {
				answer(exchange, 400, "{\"error\":\"bad request\"}");
			}
			else if (path.endsWith("/sms/2/text/advanced")) {
				infobip(exchange, seq, received, body);
			}
			else if (path.startsWith("/whatsapp/") && path.endsWith("/messages")) {
				whatsApp(exchange, seq, received, body);
			}
			else {
				answer(exchange, 404, "{\"error\":\"no such endpoint\"}");
			}
		}
		finally {
			this.open.remove(seq);
		}
	}

	private void infobip(HttpExchange exchange, long seq, long received, JsonNode body) throws IOException {
		JsonNode destination = body.path("messages").path(0).path("destinations").path(0);
		String phone = destination.path("to").asString("");
		String id = destination.path("messageId").asString("");
		if (this.smsFailing) {
			record(seq, Channel.SMS, phone, id, 503, false, received);
			answer(exchange, 503,
					"{\"requestError\":{\"serviceException\":{\"messageId\":\"GENERAL_ERROR\",\"text\":\"stub outage\"}}}");
			return;
		}
		ObjectNode answer = this.json.createObjectNode();
		answer.put("bulkId", UUID.randomUUID().toString());
		ObjectNode message = answer.putArray("messages").addObject();
		message.put("to", phone);
		message.put("messageId", id);
		message.putObject("status")
			.put("groupId", 1)
			.put("groupName", "PENDING")
			.put("id", 26)
			.put("name", "PENDING_ACCEPTED")
			.put("description", "Message sent to next instance");
		record(seq, Channel.SMS, phone, id, 200, true, received);
		answer(exchange, 200, answer.toString());
	}

	private void whatsApp(HttpExchange exchange, long seq, long received, JsonNode body) throws IOException {
		String phone = body.path("to").asString("");
		String id = body.path("biz_opaque_callback_data").asString("");
		if (this.notOnWhatsApp.test(phone)) {
			record(seq, Channel.WHATSAPP, phone, id, 400, false, received);
			answer(exchange, 400,
					"{\"error\":{\"message\":\"(#131026) Message undeliverable\",\"type\":\"OAuthException\","
							+ "\"code\":131026,\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"Message "
							+ "undeliverable\"},\"fbtrace_id\":\"stub\"}}");
			return;
		}
		ObjectNode answer = this.json.createObjectNode();
		answer.put("messaging_product", "whatsapp");
		answer.putArray("contacts").addObject().put("input", phone).put("wa_id", phone);
		answer.putArray("messages").addObject().put("id", "wamid.stub-" + seq);
		record(seq, Channel.WHATSAPP, phone, id, 200, true, received);
		answer(exchange, 200, answer.toString());
	}

	private void record(long seq, Channel channel, String phone, String id, int status, boolean accepted,
			long received) {
		this.sends.add(new Send(seq, channel, phone, id, status, accepted, received, System.nanoTime()));
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private JsonNode parse(String text) {
		try {
			return text.isBlank() ? null : this.json.readTree(text);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private void pause() {
		if (this.delayMillis > 0) {
			try {
				Thread.sleep(this.delayMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

}
