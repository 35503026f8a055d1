package id.go.kalteng.kim.infra.e2e;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import id.go.kalteng.kim.infra.e2e.PublicApi.Answer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform as separate processes, started by {@code ./kim up} like a user does:
 * a group is formed, a broadcast to it is drafted, submitted and approved by a second
 * operator, and every member receives it exactly once; dissemination-service's projection
 * follows joins, leaves and erasure in group-service. Every process listens on loopback
 * only, and metrics are not public through the gateway.
 */
@ExtendWith(SharedPlatform.Resolver.class)
class PlatformEndToEndIT {

	private static final Logger log = LoggerFactory.getLogger(PlatformEndToEndIT.class);

	private static final List<String> PORTS = List.of("KIM_GATEWAY_PORT", "KIM_GROUP_PORT", "KIM_ACTIVITY_PORT",
			"KIM_DISSEMINATION_PORT", "KIM_NOTIFICATION_PORT", "KIM_STREAM_PORT", "KIM_CONSOLE_PORT", "KIM_AUTH_PORT",
			"KIM_KAFKA_PORT", "KIM_KAFKA_CONTROLLER_PORT", "KIM_KAFKA_AGENCY_PORT", "KIM_MONGODB_PORT");

	private static final List<Map<String, Object>> MEMBERS = List.of(
			member("Yohanes Nyahu", "0812-5110-9001", "PRIA", "DEWASA", "LAINNYA", "KETUA"),
			member("Siti Rahmawati", "0813-4920-9002", "WANITA", "DEWASA", "PEDAGANG", "SEKRETARIS"),
			member("Agustina Ranying", "0852-4711-9003", "WANITA", "LANSIA", "PETANI", "BENDAHARA"));

	private static final List<String> MEMBER_PHONES = List.of("+6281251109001", "+6281349209002", "+6285247119003");

	private static SharedPlatform platform;

	private static PublicApi api;

	@BeforeAll
	static void platform(SharedPlatform shared) {
		platform = shared;
		api = shared.api();
	}

	@Test
	void approvedBroadcastReachesEveryMemberOfTheGroupExactlyOnce() throws Exception {
		String author = api.token("operator-1");
		String reviewer = api.token("operator-2");
		String groupId = formGroup(author);
		String text = "Waspada banjir di Jekan Raya, uji " + UUID.randomUUID();

		String broadcastId = draft(author, text, Map.of("groups", List.of(groupId)));
		awaitRecipientsKnown(author, broadcastId);
		assertThat(api.post("/api/broadcasts/" + broadcastId + "/submit", author, Map.of()).successful()).isTrue();
		Answer approval = api.post("/api/broadcasts/" + broadcastId + "/approve", reviewer, Map.of());
		Instant approvedAt = Instant.now();
		assertThat(approval.successful()).as(approval.text()).isTrue();

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(MEMBER_PHONES)
				.allSatisfy((phone) -> assertThat(messagesContaining(author, phone, text)).isPositive()));
		log.info("Approval to last message: {} ms", Duration.between(approvedAt, Instant.now()).toMillis());
		assertThat(MEMBER_PHONES)
			.allSatisfy((phone) -> assertThat(messagesContaining(author, phone, text)).as(phone).isEqualTo(1));
	}

	@Test
	void anotherServicesProjectionFollowsJoinsLeavesAndErasure() throws Exception {
		String operator = api.token("operator-1");
		Answer group = api.post("/api/groups", operator, Map.of("name", "KIM Uji Proyeksi", "kabupaten", "62.11",
				"kecamatan", "Kahayan Hilir", "desa", "Bereng", "setting", "PERDESAAN"));
		assertThat(group.status()).as(group.text()).isEqualTo(201);
		List<String> members = new ArrayList<>();
		for (String phone : List.of("0812-5110-9101", "0812-5110-9102", "0812-5110-9103", "0812-5110-9104")) {
			Answer added = api.post("/api/groups/" + group.id() + "/members", operator,
					member("Warga Bereng", phone, "PRIA", "REMAJA", "NELAYAN", "ANGGOTA"));
			assertThat(added.status()).as(added.text()).isEqualTo(201);
			members.add(added.id());
		}
		String broadcastId = draft(operator, "Uji proyeksi " + UUID.randomUUID(),
				Map.of("groups", List.of(group.id())));
		awaitRecipients(operator, broadcastId, 4);

		Answer left = api.delete("/api/groups/" + group.id() + "/members/" + members.get(0), operator);
		assertThat(left.status()).as(left.text()).isEqualTo(204);
		awaitRecipients(operator, broadcastId, 3);

		Answer erased = api.post("/api/groups/" + group.id() + "/members/" + members.get(1) + "/erase", operator,
				Map.of());
		assertThat(erased.status()).as(erased.text()).isEqualTo(204);
		// two members left: the group is FORMING again and takes no broadcasts as a group
		awaitRecipients(operator, broadcastId, 0);
		assertThat(api.get("/api/groups/" + group.id(), operator).body().get("status").asString()).isEqualTo("FORMING");
	}

	@Test
	void everyLaunchedProcessListensOnLoopbackOnly() throws Exception {
		Map<String, List<ListeningSockets.Socket>> byProcess = ListeningSockets.ofProcessesIn(platform.home());

		assertThat(byProcess.keySet()).containsExactlyInAnyOrder("kafka", "mongo", "auth", "group-service",
				"activity-service", "dissemination-service", "notification-service", "stream-service", "gateway",
				"console");
		List<ListeningSockets.Socket> all = byProcess.values().stream().flatMap(List::stream).toList();
		assertThat(all).extracting(ListeningSockets.Socket::port)
			.containsAll(PORTS.stream().map(platform.launcher()::port).toList());
		assertThat(all).as("sockets listening beyond loopback")
			.allSatisfy(
					(socket) -> assertThat(socket.loopback()).as("%s listens on %s", socket.process(), socket.address())
						.isTrue());
	}

	@Test
	void metricsAreScrapedOnAServicesOwnPortNeverThroughTheGateway() throws Exception {
		String operator = api.token("operator-1");
		Map<String, String> scraper = Map.of("Accept", "text/plain");
		Answer viaGateway = api.call("GET", "/actuator/prometheus", operator, scraper, null, null);
		Answer scrape = api.callAt(platform.launcher().url("KIM_GROUP_PORT"), "GET", "/actuator/prometheus", null,
				scraper, null, null);

		assertThat(viaGateway.status()).isEqualTo(404);
		assertThat(viaGateway.contentType()).startsWith("application/problem+json");
		assertThat(viaGateway.text()).doesNotContain("jvm_");
		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.text()).contains("jvm_");
		assertThat(api.call("GET", "/actuator/health", null, Map.of(), null, null).status()).isEqualTo(200);
	}

	@Test
	void authorCannotApproveTheirOwnBroadcast() throws Exception {
		String author = api.token("operator-1");
		String broadcastId = draft(author, "Jadwal posyandu bulan depan, uji " + UUID.randomUUID(),
				Map.of("kabupaten", List.of("62.71")));
		assertThat(api.post("/api/broadcasts/" + broadcastId + "/submit", author, Map.of()).successful()).isTrue();

		Answer approval = api.post("/api/broadcasts/" + broadcastId + "/approve", author, Map.of());

		assertThat(approval.status()).as(approval.text()).isIn(403, 409);
		assertThat(approval.contentType()).startsWith("application/problem+json");
	}

	private static String formGroup(String token) throws Exception {
		Answer group = api.post("/api/groups", token, Map.of("name", "KIM Uji Ujung ke Ujung", "kabupaten", "62.71",
				"kecamatan", "Jekan Raya", "desa", "Bukit Tunggal", "setting", "PERKOTAAN"));
		assertThat(group.status()).as(group.text()).isEqualTo(201);
		for (Map<String, Object> member : MEMBERS) {
			Answer added = api.post("/api/groups/" + group.id() + "/members", token, member);
			assertThat(added.status()).as(added.text()).isEqualTo(201);
		}
		return group.id();
	}

	private static String draft(String token, String text, Map<String, List<String>> target) throws Exception {
		Answer draft = api.post("/api/broadcasts", token, Map.of("title", "Uji ujung ke ujung", "message", text,
				"channels", List.of("SMS"), "priority", "NORMAL", "target", target));
		assertThat(draft.status()).as(draft.text()).isEqualTo(201);
		assertThat(draft.body().get("status").asString()).isEqualTo("DRAFT");
		return draft.id();
	}

	// dissemination learns the group's members from group events; give it a moment, but
	// the
	// approval is what this test is about, so go on either way
	private static void awaitRecipientsKnown(String token, String broadcastId) {
		try {
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> recipients(token, broadcastId) == MEMBERS.size());
		}
		catch (ConditionTimeoutException ex) {
			log.warn("Preview of {} did not show {} recipients within 30 s; approving anyway", broadcastId,
					MEMBERS.size());
		}
	}

	private static void awaitRecipients(String token, String broadcastId, int expected) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> assertThat(recipients(token, broadcastId)).isEqualTo(expected));
	}

	private static int recipients(String token, String broadcastId) throws Exception {
		Answer preview = api.get("/api/broadcasts/" + broadcastId + "/preview", token);
		return preview.successful() ? preview.body().path("recipients").asInt(-1) : -1;
	}

	private static long messagesContaining(String token, String phone, String text) throws Exception {
		Answer messages = api.get("/api/sandbox/messages?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8),
				token);
		assertThat(messages.status()).as(messages.text()).isEqualTo(200);
		JsonNode items = messages.body().path("items");
		long count = 0;
		for (JsonNode item : items) {
			if (item.path("text").asString("").contains(text)) {
				count++;
			}
		}
		return count;
	}

	private static Map<String, Object> member(String name, String phone, String gender, String ageGroup,
			String occupation, String role) {
		return Map.of("name", name, "phone", phone, "gender", gender, "ageGroup", ageGroup, "occupation", occupation,
				"role", role, "whatsapp", true);
	}

}
