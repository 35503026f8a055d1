package id.go.kalteng.kim.infra.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import id.go.kalteng.kim.infra.demo.DemoGroup.DemoMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DemoSeederTests {

	@TempDir
	Path demoDirectory;

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private final Map<String, String> groupIdsByIdempotencyKey = new ConcurrentHashMap<>();

	private HttpServer platform;

	private DemoSeederSettings settings;

	private int forums;

	private int activityAttempts;

	private final List<String> broadcastCalls = new CopyOnWriteArrayList<>();

	private final List<String> replies = new CopyOnWriteArrayList<>();

	private volatile String broadcastStatus = "DRAFT";

	private volatile String approvedWith;

	@BeforeEach
	void startFakePlatform() throws IOException {
		this.platform = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		this.platform.createContext("/oauth2/token", (exchange) -> answer(exchange, 200,
				"{\"access_token\":\"" + (isOperator2(exchange) ? "t-2" : "t-1") + "\"}"));
		this.platform.createContext("/api/broadcasts", this::broadcastsApi);
		this.platform.createContext("/webhooks/sms/sandbox", this::sandboxWebhook);
		this.platform.createContext("/api/groups", this::groupsApi);
		this.platform.createContext("/api/forums", this::forumsApi);
		this.platform.createContext("/api/activities", this::activitiesApi);
		this.platform.start();
		URI base = URI.create("http://localhost:" + this.platform.getAddress().getPort());
		this.settings = new DemoSeederSettings(base, base.resolve("/oauth2/token"), "operator-1", "kim-demo",
				this.demoDirectory);
	}

	@AfterEach
	void stopFakePlatform() {
		this.platform.stop(0);
	}

	@Test
	void createsGroupsAndMembersWithIdempotencyKeysAndRemembersTheCoordinatorsGroup() throws IOException {
		List<DemoGroup> groups = DemoData.groups();

		seeder().seed(groups);

		int members = groups.stream().mapToInt((group) -> group.members().size()).sum();
		// every group and member, the city's forum, one partnership, one activity refused
		// while
		// activity-service has not seen the groups, then planned
		assertThat(this.calls).hasSize(groups.size() + members + 4).allMatch((call) -> call.contains("Bearer t-1"));
		assertThat(this.calls).filteredOn((call) -> !call.startsWith("POST /api/forums"))
			.allMatch((call) -> call.contains("key=kim-demo-"));
		assertThat(this.calls).anyMatch((call) -> call.startsWith("POST /api/forums "))
			.anyMatch((call) -> call.startsWith("POST /api/groups/group-1/partnerships "))
			.anyMatch((call) -> call.startsWith("POST /api/activities key=kim-demo-activity-1 "));
		assertThat(this.calls.get(0)).startsWith("POST /api/groups ").contains("key=kim-demo-group-betang-informasi");
		assertThat(this.calls.get(1)).startsWith("POST /api/groups/group-1/members ");
		assertThat(Files.readString(this.demoDirectory.resolve("coordinator-group")).strip()).isEqualTo("group-1");
		assertThat(this.demoDirectory.resolve("seeded")).isRegularFile();
	}

	/**
	 * The demo broadcast: written by operator-1, approved by operator-2, then two members
	 * reply through the sandbox provider's signed webhook.
	 */
	@Test
	void seedsABroadcastApprovedByASecondOperatorWithSignedSandboxReplies() {
		seeder().seed(DemoData.groups());

		assertThat(this.broadcastCalls).contains("POST /api/broadcasts key=kim-demo-broadcast-1 Bearer t-1",
				"POST /api/broadcasts/b-1/submit key=null Bearer t-1");
		assertThat(this.approvedWith).isEqualTo("Bearer t-2");
		assertThat(this.replies).hasSize(2)
			.allMatch((reply) -> reply.startsWith("valid "))
			.anyMatch((reply) -> reply.contains("\"from\":\"+6281251102301\""));
	}

	@Test
	void seedsNothingOnceSeeded() throws IOException {
		Files.writeString(this.demoDirectory.resolve("seeded"), "earlier");

		seeder().seed(DemoData.groups());

		assertThat(this.calls).isEmpty();
	}

	@Test
	void aRepeatedRunReusesTheGroupsTheFirstRunCreated() throws IOException {
		DemoGroup group = new DemoGroup("solo", "KIM Solo", "62.71", "Pahandut", "Langkai", "PERKOTAAN",
				List.of(new DemoMember("Andi", "0812-5110-0001", "PRIA", "DEWASA", "LAINNYA", "KETUA", true)));
		seeder().seed(List.of(group));
		Files.delete(this.demoDirectory.resolve("seeded"));

		seeder().seed(List.of(group));

		assertThat(this.groupIdsByIdempotencyKey).hasSize(1);
		assertThat(Files.readString(this.demoDirectory.resolve("coordinator-group")).strip()).isEqualTo("group-1");
	}

	private DemoSeeder seeder() {
		return new DemoSeeder(this.settings, new PlatformClient(this.settings.gateway()), "sandbox-secret");
	}

	private static boolean isOperator2(HttpExchange exchange) {
		String basic = exchange.getRequestHeaders().getFirst("Authorization");
		return basic != null
				&& new String(java.util.Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8)
					.startsWith("operator-2:");
	}

	// a broadcast from draft to COMPLETED, as dissemination-service moves it
	private void broadcastsApi(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String method = exchange.getRequestMethod();
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		this.broadcastCalls.add(method + " " + path + " key=" + exchange.getRequestHeaders().getFirst("Idempotency-Key")
				+ " " + authorization);
		switch (method + " " + path) {
			case "POST /api/broadcasts" -> answer(exchange, 201, "{\"id\":\"b-1\",\"status\":\"DRAFT\"}");
			case "GET /api/broadcasts/b-1/preview" -> answer(exchange, 200, "{\"recipients\":7}");
			case "GET /api/broadcasts/b-1" -> answer(exchange, 200, "{\"status\":\"" + this.broadcastStatus + "\"}");
			case "POST /api/broadcasts/b-1/submit" -> {
				this.broadcastStatus = "PENDING_APPROVAL";
				answer(exchange, 200, "{\"status\":\"PENDING_APPROVAL\"}");
			}
			case "POST /api/broadcasts/b-1/approve" -> {
				this.approvedWith = authorization;
				this.broadcastStatus = "COMPLETED";
				answer(exchange, 200, "{\"status\":\"APPROVED\"}");
			}
			case "GET /api/broadcasts/b-1/progress" -> answer(exchange, 200, "{\"status\":\"" + this.broadcastStatus
					+ "\",\"recipients\":" + ("COMPLETED".equals(this.broadcastStatus) ? 7 : 0) + "}");
			default -> answer(exchange, 404, "{}");
		}
	}

	// checks the signature as notification-service does: sha256=<hex HMAC of ts.body>
	private void sandboxWebhook(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String timestamp = exchange.getRequestHeaders().getFirst("X-Kim-Timestamp");
		String signature = exchange.getRequestHeaders().getFirst("X-Sandbox-Signature");
		boolean valid = ("sha256=" + PlatformClient.hmac("sandbox-secret", timestamp + "." + body)).equals(signature);
		this.replies.add((valid ? "valid " : "invalid ") + body);
		answer(exchange, valid ? 200 : 401, "{\"outcome\":\"no-keyword\"}");
	}

	// answers like the real API does for a repeated Idempotency-Key: the first response
	// again
	private void groupsApi(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
		this.calls.add(exchange.getRequestMethod() + " " + path + " key=" + key + " "
				+ exchange.getRequestHeaders().getFirst("Authorization"));
		if (path.equals("/api/groups")) {
			String id = this.groupIdsByIdempotencyKey.computeIfAbsent(key,
					(k) -> "group-" + (this.groupIdsByIdempotencyKey.size() + 1));
			answer(exchange, 201, "{\"id\":\"" + id + "\",\"status\":\"FORMING\"}");
		}
		else {
			answer(exchange, 201, "{\"id\":\"member\"}");
		}
	}

	// activity-service refuses the first planning: it has not seen the groups' events yet
	private void activitiesApi(HttpExchange exchange) throws IOException {
		this.calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " key="
				+ exchange.getRequestHeaders().getFirst("Idempotency-Key") + " "
				+ exchange.getRequestHeaders().getFirst("Authorization"));
		boolean first = this.activityAttempts++ == 0;
		answer(exchange, first ? 400 : 201,
				first ? "{\"errors\":[{\"field\":\"invitedGroups[0]\",\"message\":\"is not a known KIM group\"}]}"
						: "{\"id\":\"activity-1\"}");
	}

	// a kabupaten has one forum: the second attempt is a conflict, as in the real API
	private void forumsApi(HttpExchange exchange) throws IOException {
		this.calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
				+ exchange.getRequestHeaders().getFirst("Authorization"));
		boolean first = this.forums++ == 0;
		answer(exchange, first ? 201 : 409, first ? "{\"id\":\"forum-62.71\"}" : "{\"type\":\"forum-exists\"}");
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

}
