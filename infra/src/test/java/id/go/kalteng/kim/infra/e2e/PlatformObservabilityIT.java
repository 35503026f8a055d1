package id.go.kalteng.kim.infra.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import id.go.kalteng.kim.infra.deploy.DeploymentFiles;
import id.go.kalteng.kim.infra.e2e.PublicApi.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operations team sees of the running platform ({@code ./kim up}, shared with the
 * other end-to-end tests): one trace from the gateway request that approves a broadcast
 * to each of its messages' provider call in notification-service's log; no log line of
 * any service carrying a member's phone number or name; and every metric the Grafana
 * dashboard and the alert rules read exported by the services.
 */
@ExtendWith(SharedPlatform.Resolver.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformObservabilityIT {

	private static final List<String> SERVICES = List.of("gateway", "group-service", "activity-service",
			"dissemination-service", "notification-service", "stream-service");

	private static final Map<String, String> SERVICE_PORTS = Map.of("group-service", "KIM_GROUP_PORT",
			"activity-service", "KIM_ACTIVITY_PORT", "dissemination-service", "KIM_DISSEMINATION_PORT",
			"notification-service", "KIM_NOTIFICATION_PORT", "stream-service", "KIM_STREAM_PORT");

	/** An Indonesian mobile number, written locally or internationally, unmasked. */
	private static final Pattern PHONE = Pattern
		.compile("(?<![0-9A-Za-z])(?:\\+?62|0)8[1-9][0-9]{6,10}(?![0-9A-Za-z])");

	private static final SecureRandom random = new SecureRandom();

	/** Members of this test's group, and of PlatformEndToEndIT's (same platform). */
	private static final List<String> NAMES = List.of("Rusmini Katingan", "Darmawan Tumbangsamba", "Iswahyudi Pembuang",
			"Yohanes Nyahu", "Siti Rahmawati", "Agustina Ranying");

	private static final List<String> PHONES = new ArrayList<>();

	private static SharedPlatform platform;

	private static PublicApi api;

	@BeforeAll
	static void platform(SharedPlatform shared) {
		platform = shared;
		api = shared.api();
	}

	@Test
	@Order(1)
	void theTraceOfTheApprovalReachesEachMessagesProviderCall() throws Exception {
		String operator = api.token("operator-1");
		String reviewer = api.token("operator-2");
		String groupId = formGroup(operator);
		String text = "Uji jejak " + UUID.randomUUID();
		Answer draft = api.post("/api/broadcasts", operator, Map.of("title", "Uji jejak", "message", text, "channels",
				List.of("SMS"), "priority", "NORMAL", "target", Map.of("groups", List.of(groupId))));
		assertThat(draft.status()).as(draft.text()).isEqualTo(201);
		String broadcastId = draft.id();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> api.get("/api/broadcasts/" + broadcastId + "/preview", operator)
				.body()
				.path("recipients")
				.asInt(-1) == NAMES.size() / 2);
		assertThat(api.post("/api/broadcasts/" + broadcastId + "/submit", operator, Map.of()).successful()).isTrue();

		String traceId = hex(16);
		Answer approval = api.call("POST", "/api/broadcasts/" + broadcastId + "/approve", reviewer,
				Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01"), "application/json",
				"{}".getBytes(StandardCharsets.UTF_8));
		assertThat(approval.successful()).as(approval.text()).isTrue();

		Path notificationLog = platform.home().resolve("logs/notification-service.log");
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			List<String> sends = lines(notificationLog).stream()
				.filter((line) -> line.contains("Sending notification") && line.contains(broadcastId))
				.toList();
			assertThat(sends).as("provider calls of broadcast %s", broadcastId).hasSize(PHONES.size());
			assertThat(sends).as("each in the approval's trace")
				.allSatisfy((line) -> assertThat(line).contains(traceId));
		});
		assertThat(lines(notificationLog)).as("the intake of the requests logged in that trace")
			.anyMatch((line) -> line.contains("notification requests:") && line.contains(traceId));
		assertThat(lines(platform.home().resolve("logs/dissemination-service.log")))
			.as("the approval and the fan-out logged in that trace")
			.anyMatch((line) -> line.contains(traceId));
	}

	@Test
	@Order(2)
	void noLogLineOfAnyServiceCarriesAPhoneNumberOrAName() throws IOException {
		List<String> found = new ArrayList<>();
		for (String service : SERVICES) {
			Path file = platform.home().resolve("logs/" + service + ".log");
			int number = 0;
			for (String line : lines(file)) {
				number++;
				Matcher phone = PHONE.matcher(line);
				if (phone.find()) {
					found.add(service + ":" + number + " phone " + phone.group());
				}
				for (String digits : PHONES) {
					if (line.contains(digits) || line.contains(digits.substring(1))) {
						found.add(service + ":" + number + " phone " + digits);
					}
				}
				for (String name : NAMES) {
					for (String part : name.split(" ")) {
						if (line.contains(part)) {
							found.add(service + ":" + number + " name " + part);
						}
					}
				}
			}
		}
		assertThat(PHONES).as("the trace test made members").isNotEmpty();
		assertThat(found).isEmpty();
	}

	@Test
	@Order(3)
	void everyMetricTheDashboardAndTheAlertsReadIsExported() {
		Set<String> wanted = DeploymentFiles.exportedMetricNames();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			Set<String> exported = new TreeSet<>();
			for (String portVariable : SERVICE_PORTS.values()) {
				Answer scrape = api.callAt(platform.launcher().url(portVariable), "GET", "/actuator/prometheus", null,
						Map.of("Accept", "text/plain"), null, null);
				assertThat(scrape.status()).isEqualTo(200);
				for (String line : scrape.text().split("\n")) {
					if (!line.startsWith("#") && !line.isBlank()) {
						exported.add(line.split("[{ ]", 2)[0]);
					}
				}
			}
			assertThat(exported).containsAll(wanted);
		});
	}

	private static String formGroup(String token) throws Exception {
		Answer group = api.post("/api/groups", token, Map.of("name", "KIM Uji Jejak", "kabupaten", "62.07", "kecamatan",
				"Katingan Hilir", "desa", "Kasongan Lama", "setting", "PERDESAAN"));
		assertThat(group.status()).as(group.text()).isEqualTo(201);
		String[] roles = { "KETUA", "SEKRETARIS", "BENDAHARA" };
		for (int i = 0; i < 3; i++) {
			String phone = "0812" + (5000_0000 + random.nextInt(4000_0000));
			PHONES.add(phone);
			Answer added = api.post("/api/groups/" + group.id() + "/members", token,
					Map.of("name", NAMES.get(i), "phone", phone, "gender", (i == 0) ? "WANITA" : "PRIA", "ageGroup",
							"DEWASA", "occupation", "PETANI", "role", roles[i], "whatsapp", false));
			assertThat(added.status()).as(added.text()).isEqualTo(201);
		}
		return group.id();
	}

	private static List<String> lines(Path file) throws IOException {
		return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
	}

	private static String hex(int bytes) {
		byte[] value = new byte[bytes];
		random.nextBytes(value);
		return HexFormat.of().formatHex(value);
	}

}
