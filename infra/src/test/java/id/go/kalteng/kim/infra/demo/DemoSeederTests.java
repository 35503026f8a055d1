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

	@BeforeEach
	void startFakePlatform() throws IOException {
		this.platform = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		this.platform.createContext("/oauth2/token", (exchange) -> answer(exchange, 200, "{\"access_token\":\"t-1\"}"));
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
		return new DemoSeeder(this.settings, new PlatformClient(this.settings.gateway()));
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
