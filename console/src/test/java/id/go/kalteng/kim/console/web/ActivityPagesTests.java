package id.go.kalteng.kim.console.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oauth2Client;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The activity, coverage and subscription pages against a stand-in gateway: the user's
 * scope as the API gets it, times sent in WIB, the version seen as If-Match, CSRF on
 * every form, the signing secret shown once, and API refusals told in words.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ActivityPagesTests {

	private static final HttpServer GATEWAY = startGateway();

	/** "METHOD path" or path → [status, JSON body, ETag]. */
	private static final Map<String, String[]> ANSWERS = new ConcurrentHashMap<>();

	/**
	 * What the stand-in received: "METHOD path" → body, query, If-Match, Authorization.
	 */
	private static final Map<String, String> BODIES = new ConcurrentHashMap<>();

	private static final Map<String, String> QUERIES = new ConcurrentHashMap<>();

	private static final Map<String, String> IF_MATCH = new ConcurrentHashMap<>();

	private static final Map<String, String> AUTHORIZATIONS = new ConcurrentHashMap<>();

	/** Request headers the stand-in received: "METHOD path Header" → value. */
	private static final Map<String, String> HEADERS = new ConcurrentHashMap<>();

	@Autowired
	MockMvc mvc;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		registry.add("kim.console.gateway-url", () -> "http://localhost:" + GATEWAY.getAddress().getPort());
		registry.add("kim.console.issuer-uri", () -> "http://localhost:9999");
	}

	@AfterAll
	static void stopGateway() {
		GATEWAY.stop(0);
	}

	@BeforeEach
	void clear() {
		ANSWERS.clear();
		BODIES.clear();
		QUERIES.clear();
		IF_MATCH.clear();
		AUTHORIZATIONS.clear();
		HEADERS.clear();
		ANSWERS.put("/api/kabupaten", new String[] { "200",
				"[{\"code\":\"62.71\",\"name\":\"Palangka Raya\"},{\"code\":\"62.03\",\"name\":\"Kapuas\"}]", null });
	}

	@Test
	void anAgencysCalendarIsAskedForItsOwnKabupatenWhateverTheAddressSays() throws Exception {
		ANSWERS.put("GET /api/activities",
				new String[] { "200", "{\"items\":[" + activityJson("a-1", "PLANNED", "2026-12-03T09:00:00+07:00")
						+ "],\"page\":0,\"size\":100,\"total\":1}", null });

		this.mvc
			.perform(get("/kegiatan").param("bulan", "2026-12")
				.param("kabupaten", "62.71")
				.with(user("agency-6203", "AGENCY")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Desember 2026")))
			.andExpect(content().string(containsString("Sarasehan Menteng")))
			.andExpect(content().string(containsString("<caption>Kalender Desember 2026</caption>")));
		assertThat(QUERIES.get("GET /api/activities")).contains("kabupaten=62.03", "from=2026-12-01", "to=2026-12-31")
			.doesNotContain("62.71");
		assertThat(AUTHORIZATIONS.get("GET /api/activities")).isEqualTo("Bearer token-of-agency-6203");

		// an operator's filter goes to the API as chosen
		this.mvc
			.perform(get("/kegiatan").param("bulan", "2026-12")
				.param("kabupaten", "62.71")
				.param("jenis", "SARASEHAN")
				.with(user("operator-1", "OPERATOR")))
			.andExpect(status().isOk());
		assertThat(QUERIES.get("GET /api/activities")).contains("kabupaten=62.71", "type=SARASEHAN");
	}

	@Test
	void theCalendarHasEveryDayOfTheMonthInWeeksFromMonday() {
		List<List<ActivityPages.Day>> weeks = ActivityPages.weeks(YearMonth.of(2026, 12), List.of());
		// 1 December 2026 is a Tuesday: one empty Monday before it
		assertThat(weeks.get(0).get(0).date()).isNull();
		assertThat(weeks.get(0).get(1).date()).hasToString("2026-12-01");
		assertThat(weeks).allSatisfy((week) -> assertThat(week).hasSize(7));
		assertThat(weeks.stream().flatMap(List::stream).filter((d) -> d.date() != null)).hasSize(31);
	}

	@Test
	void planningSendsTheTimesInWibWithAnIdempotencyKeyAndNeedsTheCsrfToken() throws Exception {
		ANSWERS.put("POST /api/activities",
				new String[] { "201", activityJson("a-2", "PLANNED", "2026-12-03T09:00:00+07:00"), "\"1\"" });

		this.mvc.perform(post("/kegiatan").with(user("operator-1", "OPERATOR")).param("title", "Sarasehan"))
			.andExpect(status().isForbidden());
		assertThat(BODIES).doesNotContainKey("POST /api/activities");

		this.mvc
			.perform(post("/kegiatan").with(user("operator-1", "OPERATOR"))
				.with(csrf())
				.param("requestKey", "k-1")
				.param("type", "SARASEHAN")
				.param("title", "Sarasehan Menteng")
				.param("organizer", "Diskominfo")
				.param("kabupaten", "62.71")
				.param("place", "Balai Menteng")
				.param("startsAt", "2026-12-03T09:00")
				.param("endsAt", "2026-12-03T12:00")
				.param("groups", "g-1", "g-2")
				.param("otherGroups", "g-3, g-1"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/kegiatan/a-2?baru"));
		assertThat(BODIES.get("POST /api/activities")).contains("\"startsAt\":\"2026-12-03T09:00+07:00\"",
				"\"endsAt\":\"2026-12-03T12:00+07:00\"", "\"invitedGroups\":[\"g-1\",\"g-2\",\"g-3\"]",
				"\"kabupaten\":\"62.71\"");
		assertThat(HEADERS.get("POST /api/activities Idempotency-Key")).isEqualTo("k-1");
	}

	@Test
	void anAgencyPlansInItsOwnKabupatenAndARefusalKeepsTheForm() throws Exception {
		ANSWERS.put("POST /api/activities", new String[] { "400",
				"{\"title\":\"Bad Request\",\"errors\":[{\"field\":\"invitedGroups[0]\",\"message\":\"is not a group of 62.03\"}]}",
				null });
		ANSWERS.put("GET /api/groups",
				new String[] { "200", "{\"items\":[],\"page\":0,\"size\":100,\"total\":0}", null });

		this.mvc
			.perform(post("/kegiatan").with(user("agency-6203", "AGENCY"))
				.with(csrf())
				.param("title", "Diskusi Kapuas")
				.param("organizer", "Diskominfo Kapuas")
				.param("kabupaten", "62.71")
				.param("place", "Aula")
				.param("startsAt", "2026-12-03T09:00")
				.param("endsAt", "2026-12-03T12:00")
				.param("otherGroups", "g-9"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Isian belum benar")))
			.andExpect(content().string(containsString("invitedGroups[0]: is not a group of 62.03")))
			.andExpect(content().string(containsString("value=\"Diskusi Kapuas\"")));
		assertThat(BODIES.get("POST /api/activities")).contains("\"kabupaten\":\"62.03\"");

		// a time that is not one is said before the API is asked
		BODIES.clear();
		this.mvc
			.perform(post("/kegiatan").with(user("agency-6203", "AGENCY"))
				.with(csrf())
				.param("title", "Diskusi Kapuas")
				.param("startsAt", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Waktu mulai wajib diisi.")));
		assertThat(BODIES).doesNotContainKey("POST /api/activities");
	}

	@Test
	void reschedulingAndTheReportSendTheVersionSeenAndAStateRefusalIsToldInWords() throws Exception {
		ANSWERS.put("PATCH /api/activities/a-3",
				new String[] { "200", activityJson("a-3", "RESCHEDULED", "2026-12-04T09:00:00+07:00"), "\"2\"" });

		this.mvc
			.perform(post("/kegiatan/a-3/jadwal").with(user("operator-1", "OPERATOR"))
				.with(csrf())
				.param("etag", "\"1\"")
				.param("startsAt", "2026-12-04T09:00")
				.param("endsAt", "2026-12-04T11:30")
				.param("place", "Aula Kecamatan"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/kegiatan/a-3"))
			.andExpect(flash().attribute("notice", containsString("Jadwal disimpan")));
		assertThat(IF_MATCH.get("PATCH /api/activities/a-3")).isEqualTo("\"1\"");
		assertThat(BODIES.get("PATCH /api/activities/a-3")).contains("\"startsAt\":\"2026-12-04T09:00+07:00\"",
				"\"place\":\"Aula Kecamatan\"");

		ANSWERS.put("POST /api/activities/a-3/complete", new String[] { "409",
				"{\"title\":\"Conflict\",\"detail\":\"completion is recorded once the activity starts\"}", null });
		this.mvc
			.perform(post("/kegiatan/a-3/laporan").with(user("operator-1", "OPERATOR"))
				.with(csrf())
				.param("etag", "\"2\"")
				.param("outcome", "Jadwal posyandu disepakati")
				.param("attendees", "12")
				.param("followUpAction", "Kirim jadwal")
				.param("followUpOwner", "Ketua KIM")
				.param("followUpDue", "2026-12-20"))
			.andExpect(status().isFound())
			.andExpect(flash().attribute("problem", notNullValue()));
		assertThat(BODIES.get("POST /api/activities/a-3/complete")).contains("\"attendees\":12",
				"\"followUps\":[{\"action\":\"Kirim jadwal\",\"owner\":\"Ketua KIM\",\"dueDate\":\"2026-12-20\"}]");

		// a follow-up without its due date is said before the API is asked
		BODIES.clear();
		this.mvc
			.perform(post("/kegiatan/a-3/laporan").with(user("operator-1", "OPERATOR"))
				.with(csrf())
				.param("outcome", "Jadwal posyandu disepakati")
				.param("attendees", "12")
				.param("followUpAction", "Kirim jadwal")
				.param("followUpOwner", "Ketua KIM"))
			.andExpect(status().isFound())
			.andExpect(flash().attribute("formError", containsString("tenggat")));
		assertThat(BODIES).doesNotContainKey("POST /api/activities/a-3/complete");
	}

	@Test
	void attendanceIsRecordedPerGroupAndPerMemberAsTheApiModelsIt() throws Exception {
		ANSWERS.put("POST /api/activities/a-4/attendance",
				new String[] { "200", activityJson("a-4", "PLANNED", "2026-12-01T09:00:00+07:00"), "\"3\"" });
		ANSWERS.put("POST /api/activities/a-4/attendance/members",
				new String[] { "200", activityJson("a-4", "PLANNED", "2026-12-01T09:00:00+07:00"), "\"4\"" });

		this.mvc
			.perform(post("/kegiatan/a-4/kehadiran").with(user("operator-1", "OPERATOR"))
				.with(csrf())
				.param("etag", "\"2\"")
				.param("jumlah[g-1]", "12")
				.param("jumlah[g-2]", ""))
			.andExpect(status().isFound())
			.andExpect(flash().attribute("notice", containsString("Kehadiran per kelompok")));
		assertThat(BODIES.get("POST /api/activities/a-4/attendance"))
			.isEqualTo("[{\"groupId\":\"g-1\",\"attendees\":12}]");

		this.mvc
			.perform(post("/kegiatan/a-4/kehadiran-anggota").with(user("coordinator-demo", "COORDINATOR"))
				.with(csrf())
				.param("etag", "\"3\"")
				.param("anggota", "m-1", "m-2")
				.param("hadir", "m-2"))
			.andExpect(status().isFound());
		assertThat(BODIES.get("POST /api/activities/a-4/attendance/members"))
			.isEqualTo("[{\"memberId\":\"m-1\",\"present\":false},{\"memberId\":\"m-2\",\"present\":true}]");
		assertThat(IF_MATCH.get("POST /api/activities/a-4/attendance/members")).isEqualTo("\"3\"");
	}

	@Test
	void anActivityOfAnotherKabupatenIsNotFoundInWordsWithoutAStackTrace() throws Exception {
		ANSWERS.put("GET /api/activities/a-5", new String[] { "404",
				"{\"title\":\"Not Found\",\"status\":404,\"detail\":\"activity a-5 not found\"}", null });

		this.mvc.perform(get("/kegiatan/a-5").with(user("agency-6203", "AGENCY")))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("Data tidak ditemukan, atau berada di luar wilayah Anda.")))
			.andExpect(content().string(not(containsString("Exception"))));
	}

	@Test
	void anActivityPageOffersWhatTheUserMayDoOnceItHasStarted() throws Exception {
		String started = OffsetDateTime.now().minusHours(1).withNano(0).toString();
		ANSWERS.put("GET /api/activities/a-6",
				new String[] { "200", activityJson("a-6", "PLANNED", started), "\"7\"" });
		ANSWERS.put("GET /api/groups/g-1", new String[] { "200",
				"{\"id\":\"g-1\",\"name\":\"KIM Menteng\",\"kabupaten\":\"62.71\",\"status\":\"ACTIVE\",\"memberCount\":3}",
				null });
		ANSWERS.put("GET /api/groups/g-1/members", new String[] { "200",
				"{\"items\":[{\"id\":\"m-1\",\"name\":\"Siti\",\"phone\":\"+6281349209002\"}],\"page\":0,\"size\":100,\"total\":1}",
				null });

		this.mvc.perform(get("/kegiatan/a-6").with(user("operator-1", "OPERATOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("KIM Menteng")))
			.andExpect(content().string(containsString("id=\"simpan-jadwal\"")))
			.andExpect(content().string(containsString("id=\"simpan-kehadiran\"")))
			.andExpect(content().string(containsString("id=\"hadir-m-1\"")))
			.andExpect(content().string(containsString("id=\"simpan-laporan\"")))
			.andExpect(content().string(containsString("value=\"&quot;7&quot;\"")))
			// names for attendance, never the phone
			.andExpect(content().string(not(containsString("+6281349209002"))));
		// an agency of another kabupaten (should the API show it) gets no actions
		this.mvc.perform(get("/kegiatan/a-6").with(user("agency-6203", "AGENCY")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("id=\"simpan-jadwal\""))))
			.andExpect(content().string(not(containsString("id=\"hadir-m-1\""))));
	}

	@Test
	void coverageListsTheGroupsNotReachedByNameForTheAgencysOwnKabupaten() throws Exception {
		ANSWERS.put("GET /api/activities/coverage", new String[] { "200",
				"{\"kabupaten\":\"62.03\",\"from\":\"2026-01-01\",\"to\":\"2026-12-31\",\"reached\":[{\"groupId\":\"g-1\",\"status\":\"ACTIVE\",\"activities\":2,\"types\":[\"SARASEHAN\"]}],"
						+ "\"notReached\":[{\"groupId\":\"g-2\",\"status\":\"FORMING\"}]}",
				null });
		ANSWERS.put("GET /api/groups", new String[] { "200",
				"{\"items\":[{\"id\":\"g-1\",\"name\":\"KIM Kapuas Hilir\",\"kabupaten\":\"62.03\",\"kecamatan\":\"Selat\",\"desa\":\"Selat Hilir\",\"status\":\"ACTIVE\",\"memberCount\":5},"
						+ "{\"id\":\"g-2\",\"name\":\"KIM Sei Pasah\",\"kabupaten\":\"62.03\",\"kecamatan\":\"Kapuas Hilir\",\"desa\":\"Sei Pasah\",\"status\":\"FORMING\",\"memberCount\":2}],\"page\":0,\"size\":100,\"total\":2}",
				null });

		this.mvc
			.perform(get("/kegiatan/cakupan").param("kabupaten", "62.71")
				.param("dari", "2026-01-01")
				.with(user("agency-6203", "AGENCY")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<span id=\"persen-terjangkau\">50</span>")))
			.andExpect(content().string(containsString("KIM Sei Pasah")))
			.andExpect(content().string(containsString("Sarasehan")));
		assertThat(QUERIES.get("GET /api/activities/coverage")).contains("kabupaten=62.03", "from=2026-01-01")
			.doesNotContain("62.71");
		assertThat(QUERIES.get("GET /api/groups")).contains("kabupaten=62.03");
	}

	@Test
	void aWebhookSubscriptionShowsItsSecretOnceAndTheListNever() throws Exception {
		ANSWERS.put("POST /api/webhook-subscriptions", new String[] { "201",
				"{\"id\":\"s-1\",\"kabupaten\":\"62.03\",\"url\":\"https://dinas.example/kim\",\"types\":[\"kim.group.member-joined.v1\"],\"status\":\"ACTIVE\",\"createdAt\":\"2026-12-01T01:00:00Z\",\"secret\":\"whsec_c2VjcmV0\"}",
				null });
		ANSWERS.put("GET /api/webhook-subscriptions", new String[] { "200",
				"{\"items\":[{\"id\":\"s-1\",\"kabupaten\":\"62.03\",\"url\":\"https://dinas.example/kim\",\"types\":[\"kim.group.member-joined.v1\"],\"status\":\"ACTIVE\",\"createdAt\":\"2026-12-01T01:00:00Z\"}],\"page\":0,\"size\":1,\"total\":1}",
				null });

		this.mvc
			.perform(post("/langganan").with(user("agency-6203", "AGENCY"))
				.param("url", "https://dinas.example/kim")
				.param("types", "kim.group.member-joined.v1"))
			.andExpect(status().isForbidden());

		this.mvc
			.perform(post("/langganan").with(user("agency-6203", "AGENCY"))
				.with(csrf())
				.param("url", " https://dinas.example/kim ")
				.param("types", "kim.group.member-joined.v1")
				.param("kabupaten", "62.71"))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", containsString("no-store")))
			.andExpect(content().string(containsString("value=\"whsec_c2VjcmV0\"")))
			.andExpect(content().string(containsString("hanya ditampilkan sekali")))
			.andExpect(content().string(containsString("Anggota bergabung")));
		// an agency's kabupaten is the API's to set: the console sends none
		assertThat(BODIES.get("POST /api/webhook-subscriptions"))
			.isEqualTo("{\"url\":\"https://dinas.example/kim\",\"types\":[\"kim.group.member-joined.v1\"]}");

		this.mvc.perform(get("/langganan").with(user("agency-6203", "AGENCY")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("https://dinas.example/kim")))
			.andExpect(content().string(not(containsString("whsec_"))));
	}

	@Test
	void aRefusedWebhookKeepsWhatWasTypedAndDeletingSaysSo() throws Exception {
		ANSWERS.put("POST /api/webhook-subscriptions", new String[] { "400",
				"{\"title\":\"Bad Request\",\"errors\":[{\"field\":\"url\",\"message\":\"must use HTTPS (plain HTTP only for localhost)\"}]}",
				null });
		ANSWERS.put("GET /api/webhook-subscriptions",
				new String[] { "200", "{\"items\":[],\"page\":0,\"size\":0,\"total\":0}", null });
		ANSWERS.put("DELETE /api/webhook-subscriptions/s-1", new String[] { "204", "", null });

		this.mvc
			.perform(post("/langganan").with(user("operator-1", "OPERATOR"))
				.with(csrf())
				.param("url", "http://dinas.example/kim")
				.param("kabupaten", "62.71")
				.param("types", "kim.activity.activity-planned.v1"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("url: must use HTTPS")))
			.andExpect(content().string(containsString("value=\"http://dinas.example/kim\"")))
			.andExpect(content().string(not(containsString("whsec_"))));
		assertThat(BODIES.get("POST /api/webhook-subscriptions")).contains("\"kabupaten\":\"62.71\"");

		this.mvc.perform(post("/langganan/s-1/hapus").with(user("agency-6271", "AGENCY")).with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/langganan"))
			.andExpect(flash().attribute("notice", containsString("Langganan dihapus")));
		assertThat(AUTHORIZATIONS.get("DELETE /api/webhook-subscriptions/s-1"))
			.isEqualTo("Bearer token-of-agency-6271");
	}

	@Test
	void theEventStreamPageSubscribesToTheConsolesOwnStreamAndANavLinkIsThere() throws Exception {
		this.mvc.perform(get("/aliran").with(user("agency-6203", "AGENCY")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("sse-connect=\"/aliran/peristiwa")))
			.andExpect(content().string(containsString("href=\"/langganan\"")))
			.andExpect(content().string(containsString("href=\"/kegiatan\"")))
			// no token and no kabupaten choice for an agency in the page
			.andExpect(content().string(not(containsString("token-of"))));
	}

	/** A signed-in user with an access token of its own ({@code token-of-<id>}). */
	private static RequestPostProcessor user(String id, String role) {
		OidcIdToken.Builder builder = OidcIdToken.withTokenValue("id-token").subject(id).claim("roles", List.of(role));
		if (id.startsWith("agency-")) {
			builder.claim("kabupaten", id.equals("agency-6271") ? "62.71" : "62.03");
		}
		if (role.equals("COORDINATOR")) {
			builder.claim("group", "g-1");
		}
		OidcUser user = new DefaultOidcUser(List.of(), builder.build());
		RequestPostProcessor signedIn = oidcLogin().oidcUser(user);
		RequestPostProcessor token = oauth2Client("kim").principalName(id)
			.accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "token-of-" + id, Instant.now(),
					Instant.now().plusSeconds(600)));
		return (request) -> token.postProcessRequest(signedIn.postProcessRequest(request));
	}

	static String activityJson(String id, String status, String startsAt) {
		OffsetDateTime start = OffsetDateTime.parse(startsAt);
		return """
				{"id":"%s","type":"SARASEHAN","category":"DISEMINASI_INFORMASI","title":"Sarasehan Menteng",
				 "organizer":"Diskominfo","kabupaten":"62.71","place":"Balai Menteng","startsAt":"%s","endsAt":"%s",
				 "invitedGroups":["g-1"],"status":"%s","revision":1,"attendance":[],"memberAttendance":[]}
				""".formatted(id, start, start.plusHours(3), status);
	}

	private static HttpServer startGateway() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", ActivityPagesTests::answer);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String key = exchange.getRequestMethod() + " " + path;
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (authorization != null) {
			AUTHORIZATIONS.put(key, authorization);
		}
		String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
		if (ifMatch != null) {
			IF_MATCH.put(key, ifMatch);
		}
		String idempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
		if (idempotencyKey != null) {
			HEADERS.put(key + " Idempotency-Key", idempotencyKey);
		}
		QUERIES.put(key, String.valueOf(exchange.getRequestURI().getRawQuery()));
		if (!"GET".equals(exchange.getRequestMethod())) {
			BODIES.put(key, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		}
		String[] answer = ANSWERS.getOrDefault(key,
				ANSWERS.getOrDefault(path, new String[] { "404", "{\"title\":\"Not Found\"}", null }));
		int status = Integer.parseInt(answer[0]);
		byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders()
			.add("Content-Type", (status < 400) ? "application/json" : "application/problem+json");
		if (answer[2] != null) {
			exchange.getResponseHeaders().add("ETag", answer[2]);
		}
		exchange.sendResponseHeaders(status, (status == 204) ? -1 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			if (status != 204) {
				out.write(body);
			}
		}
	}

}
