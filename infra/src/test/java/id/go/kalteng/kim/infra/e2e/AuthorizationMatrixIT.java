package id.go.kalteng.kim.infra.e2e;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import id.go.kalteng.kim.infra.e2e.MatrixFixtures.Scope;
import id.go.kalteng.kim.infra.e2e.PublicApi.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static id.go.kalteng.kim.infra.e2e.MatrixFixtures.ELSEWHERE;
import static id.go.kalteng.kim.infra.e2e.MatrixFixtures.HOME;
import static id.go.kalteng.kim.infra.e2e.MatrixFixtures.PROVINCE;
import static id.go.kalteng.kim.infra.e2e.MatrixFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may call what, through the gateway of the running platform: every endpoint of every
 * service (as its OpenAPI document lists them) against every kind of caller, with the
 * designed answer of each pair in one table. A 2xx to an agency or a coordinator must not
 * carry another kabupaten's data or another group's members; a refused call must change
 * nothing. A new endpoint without a row in the table fails
 * {@link #everyDocumentedEndpointHasARow()}.
 */
@ExtendWith(SharedPlatform.Resolver.class)
class AuthorizationMatrixIT {

	/**
	 * The columns of the table. "Own" and "other" are relative to the resource a row
	 * calls (its kabupaten, or the group it belongs to); the last four carry no valid
	 * token: none, an expired one, one of another issuer, one signed by an untrusted key.
	 */
	enum Caller {

		OPERATOR, AGENCY_OWN, AGENCY_OTHER, COORDINATOR_OWN, COORDINATOR_OTHER, NO_TOKEN, EXPIRED, WRONG_ISSUER,
		UNTRUSTED_KEY

	}

	private static final List<String> SERVICES = List.of("group-service", "activity-service", "dissemination-service",
			"notification-service");

	/** The sandbox webhook's secret before issue #6: published in the README. */
	private static final String PUBLISHED_WEBHOOK_SECRET = "kim-sandbox-secret";

	private static SharedPlatform platform;

	private static PublicApi api;

	private static MatrixFixtures fixtures;

	private static ForgedTokens forged;

	/** The coordinator's group of rows without a group of their own; ACTIVE, in HOME. */
	private static String ownGroup;

	/** Another coordinator's group, in HOME too: kabupaten alone must not decide. */
	private static String otherGroup;

	private static String homeForum;

	// @formatter:off
	/** The designed answers: OPERATOR AGENCY_OWN AGENCY_OTHER COORDINATOR_OWN COORDINATOR_OTHER | NO_TOKEN EXPIRED WRONG_ISSUER UNTRUSTED_KEY */
	private static List<Row> table() {
		return List.of(
		// group-service: kabupaten, groups
			//                                                                        OP  AG+ AG- CO+ CO-   none exp iss key
			row("GET",    "/api/kabupaten",                                          "200 200 200 200 200 | 401 401 401 401", AuthorizationMatrixIT::reference),
			row("GET",    "/api/groups",                                             "200 200 200 200 200 | 401 401 401 401", AuthorizationMatrixIT::reference),
			// a list filtered to a kabupaten the caller may not see is empty, not refused
			row("GET",    "/api/groups?kabupaten={home}",                            "200 200 200 200 200 | 401 401 401 401", AuthorizationMatrixIT::reference),
			row("POST",   "/api/groups",                                             "201 201 403 403 403 | 401 401 401 401", () -> reference().json(Map.of("name", "KIM Baru", "kabupaten", HOME, "kecamatan", "Pahandut", "desa", "Langkai", "setting", "PERKOTAAN"))),
			row("GET",    "/api/groups/stats",                                       "200 200 200 403 403 | 401 401 401 401", AuthorizationMatrixIT::reference),
			row("GET",    "/api/groups/stats?kabupaten={home}",                      "200 200 404 403 403 | 401 401 401 401", AuthorizationMatrixIT::reference),
			row("GET",    "/api/groups/{id}",                                        "200 200 404 200 404 | 401 401 401 401", AuthorizationMatrixIT::group),
			row("PATCH",  "/api/groups/{id}",                                        "200 200 404 403 404 | 401 401 401 401", () -> group().json(Map.of("focus", "Informasi banjir"))),
			row("POST",   "/api/groups/{id}/suspend",                                "200 200 404 403 404 | 401 401 401 401", () -> group().json(Map.of("reason", "Laporan belum masuk"))),
			row("POST",   "/api/groups/{id}/reinstate",                              "200 200 404 403 404 | 401 401 401 401", AuthorizationMatrixIT::suspendedGroup),
			row("POST",   "/api/groups/{id}/dissolve",                               "200 200 404 403 404 | 401 401 401 401", () -> group().json(Map.of("reason", "Tidak aktif"))),
			row("GET",    "/api/groups/{id}/partnerships",                           "200 200 404 200 404 | 401 401 401 401", AuthorizationMatrixIT::partnership),
			row("POST",   "/api/groups/{id}/partnerships",                           "201 201 404 403 404 | 401 401 401 401", () -> group().json(Map.of("agency", "Dinas Perikanan", "scope", "Pelatihan", "since", "2026-02-01"))),
			row("POST",   "/api/groups/{id}/partnerships/{partnershipId}/end",       "200 200 404 403 404 | 401 401 401 401", () -> partnership().json(Map.of())),
		// group-service: members
			row("GET",    "/api/groups/{groupId}/members",                           "200 200 404 200 404 | 401 401 401 401", AuthorizationMatrixIT::member),
			row("POST",   "/api/groups/{groupId}/members",                           "201 201 404 201 404 | 401 401 401 401", AuthorizationMatrixIT::newMember),
			row("GET",    "/api/groups/{groupId}/members/{memberId}",                "200 200 404 200 404 | 401 401 401 401", AuthorizationMatrixIT::member),
			row("PATCH",  "/api/groups/{groupId}/members/{memberId}",                "200 200 404 200 404 | 401 401 401 401", () -> member().json(Map.of("name", "Warga Ganti Nama"))),
			row("DELETE", "/api/groups/{groupId}/members/{memberId}",                "204 204 404 204 404 | 401 401 401 401", AuthorizationMatrixIT::member),
			row("POST",   "/api/groups/{groupId}/members/{memberId}/erase",          "204 403 403 403 403 | 401 401 401 401", AuthorizationMatrixIT::member),
			row("POST",   "/api/groups/{groupId}/members/import",                    "200 200 404 200 404 | 401 401 401 401", AuthorizationMatrixIT::csvRoster),
			row("POST",   "/api/groups/{groupId}/members/import#multipart",          "200 200 404 200 404 | 401 401 401 401", AuthorizationMatrixIT::uploadedRoster),
			// a number's memberships in the groups the caller may see: none for the others
			row("GET",    "/api/members?phone={phone}",                              "200 200 200 200 200 | 401 401 401 401", AuthorizationMatrixIT::member),
			row("POST",   "/api/members/erasure",                                    "200 403 403 403 403 | 401 401 401 401", AuthorizationMatrixIT::personErasure),
		// group-service: Forum KIM
			// the forum of a kabupaten that has none yet; AGENCY_OWN is that kabupaten's agency
			row("POST",   "/api/forums",                                             "201 201 403 403 403 | 401 401 401 401", AuthorizationMatrixIT::newForum),
			row("GET",    "/api/forums",                                             "200 200 200 200 200 | 401 401 401 401", AuthorizationMatrixIT::reference),
			row("GET",    "/api/forums/{id}",                                        "200 200 404 200 404 | 401 401 401 401", AuthorizationMatrixIT::forum),
			row("PATCH",  "/api/forums/{id}",                                        "200 200 404 403 404 | 401 401 401 401", () -> forum().json(Map.of("name", "Forum KIM Kota Palangka Raya"))),
			row("POST",   "/api/forums/{id}/groups",                                 "200 200 404 403 404 | 401 401 401 401", AuthorizationMatrixIT::groupJoiningForum),
			row("DELETE", "/api/forums/{id}/groups/{groupId}",                       "200 200 404 403 404 | 401 401 401 401", AuthorizationMatrixIT::groupInForum),
		// activity-service
			row("GET",    "/api/activities",                                         "200 200 200 200 200 | 401 401 401 401", AuthorizationMatrixIT::reference),
			row("GET",    "/api/activities?kabupaten={home}",                        "200 200 200 200 200 | 401 401 401 401", AuthorizationMatrixIT::reference),
			row("POST",   "/api/activities",                                         "201 201 403 403 403 | 401 401 401 401", () -> reference().json(MatrixFixtures.activity(HOME, ownGroup, OffsetDateTime.now(ZoneOffset.ofHours(7)).plusDays(7)))),
			row("GET",    "/api/activities/stats",                                   "200 200 200 200 200 | 401 401 401 401", AuthorizationMatrixIT::reference),
			// another kabupaten's figures are not found, as in GET /api/groups/stats
			row("GET",    "/api/activities/stats?kabupaten={home}",                  "200 200 404 200 200 | 401 401 401 401", AuthorizationMatrixIT::reference),
			row("GET",    "/api/activities/{id}",                                    "200 200 404 200 404 | 401 401 401 401", AuthorizationMatrixIT::activity),
			row("PATCH",  "/api/activities/{id}",                                    "200 200 404 403 404 | 401 401 401 401", () -> activity().json(Map.of("place", "Balai Desa"))),
			row("POST",   "/api/activities/{id}/cancel",                             "200 200 404 403 404 | 401 401 401 401", () -> activity().json(Map.of("reason", "Banjir"))),
			row("POST",   "/api/activities/{id}/attendance",                         "200 200 404 403 404 | 401 401 401 401", () -> activity().json(List.of(Map.of("groupId", ownGroup, "attendees", 5)))),
			row("POST",   "/api/activities/{id}/complete",                           "200 200 404 403 404 | 401 401 401 401", () -> activity().json(Map.of("outcome", "Peserta memahami hoaks", "attendees", 12))),
			// members present or absent: whoever may record gets as far as the list (a stranger to the group is a 400)
			row("POST",   "/api/activities/{id}/attendance/members",                 "400 400 404 400 404 | 401 401 401 401", () -> activity().json(List.of(Map.of("memberId", "not-a-member", "present", true)))),
			row("GET",    "/api/activities/coverage?kabupaten={home}",               "200 200 404 403 403 | 401 401 401 401", AuthorizationMatrixIT::reference),
			row("POST",   "/api/calendar-feeds",                                     "201 201 403 403 403 | 401 401 401 401", () -> reference().json(Map.of("kabupaten", HOME))),
			// an operator's feed: only operators and its creator may revoke it; others do not see it
			row("DELETE", "/api/calendar-feeds/{id}",                                "204 404 404 404 404 | 401 401 401 401", AuthorizationMatrixIT::calendarFeed),
			// the feed's URL is its credential, for calendar apps that send no token
			row("GET",    "/calendars/{id}/{secret}.ics",                            "200 200 200 200 200 | 200 401 401 401", AuthorizationMatrixIT::calendarFeed),
		// dissemination-service (the broadcasts under test are drafted by the kabupaten's own agency)
			row("GET",    "/api/broadcasts",                                         "200 200 200 403 403 | 401 401 401 401", AuthorizationMatrixIT::reference),
			row("GET",    "/api/broadcasts?kabupaten={home}",                        "200 200 200 403 403 | 401 401 401 401", AuthorizationMatrixIT::reference),
			row("POST",   "/api/broadcasts",                                         "201 201 403 403 403 | 401 401 401 401", () -> reference().json(MatrixFixtures.broadcast(HOME, ownGroup))),
			row("GET",    "/api/broadcasts/{id}",                                    "200 200 404 403 403 | 401 401 401 401", AuthorizationMatrixIT::draft),
			row("PATCH",  "/api/broadcasts/{id}",                                    "200 200 404 403 403 | 401 401 401 401", () -> draft().json(Map.of("message", "Informasi uji hak akses, diperbarui"))),
			row("POST",   "/api/broadcasts/{id}/submit",                             "200 200 404 403 403 | 401 401 401 401", AuthorizationMatrixIT::draft),
			row("POST",   "/api/broadcasts/{id}/approve",                            "200 403 404 403 403 | 401 401 401 401", AuthorizationMatrixIT::submitted),
			row("POST",   "/api/broadcasts/{id}/reject",                             "200 403 404 403 403 | 401 401 401 401", () -> submitted().json(Map.of("reason", "Sumber belum jelas"))),
			row("POST",   "/api/broadcasts/{id}/cancel",                             "200 200 404 403 403 | 401 401 401 401", AuthorizationMatrixIT::draft),
			// an operator's draft for the kabupaten: its agency sees it but may not change, submit or cancel it
			row("PATCH",  "/api/broadcasts/{id}#operator-draft",                     "200 403 404 403 403 | 401 401 401 401", () -> operatorDraft().json(Map.of("message", "Informasi uji hak akses, diperbarui"))),
			row("POST",   "/api/broadcasts/{id}/submit#operator-draft",              "200 403 404 403 403 | 401 401 401 401", AuthorizationMatrixIT::operatorDraft),
			row("POST",   "/api/broadcasts/{id}/cancel#operator-draft",              "200 403 404 403 403 | 401 401 401 401", AuthorizationMatrixIT::operatorDraft),
			row("GET",    "/api/broadcasts/{id}/preview",                            "200 200 404 403 403 | 401 401 401 401", AuthorizationMatrixIT::draft),
			row("GET",    "/api/broadcasts/{id}/progress",                           "200 200 404 403 403 | 401 401 401 401", AuthorizationMatrixIT::draft),
			row("GET",    "/api/broadcasts/{id}/replies",                            "200 200 404 403 403 | 401 401 401 401", AuthorizationMatrixIT::draft),
			// community replies: an agency lists its kabupaten's only; no reply has this id
			row("GET",    "/api/aspirations",                                        "200 200 200 403 403 | 401 401 401 401", AuthorizationMatrixIT::reference),
			row("POST",   "/api/aspirations/{id}/follow-up",                         "404 404 404 403 403 | 401 401 401 401", () -> new Target(Map.of("id", "no-such-reply"), HOME, ownGroup, null).json(Map.of("note", "uji"))),
		// notification-service; a webhook proves itself by signature, whatever token comes with it
			row("GET",    "/api/notifications",                                      "200 200 200 403 403 | 401 401 401 401", AuthorizationMatrixIT::reference),
			// the WhatsApp templates a broadcast may name: for the operators who draft them
			row("GET",    "/api/whatsapp-templates",                                 "200 403 403 403 403 | 401 401 401 401", AuthorizationMatrixIT::reference),
			row("GET",    "/api/sandbox/messages",                                   "200 200 200 403 403 | 401 401 401 401", AuthorizationMatrixIT::reference),
			row("POST",   "/webhooks/sms/sandbox",                                   "401 401 401 401 401 | 401 401 401 401", AuthorizationMatrixIT::unsignedStop),
			row("POST",   "/webhooks/sms/sandbox#published-secret",                  "401 401 401 401 401 | 401 401 401 401", AuthorizationMatrixIT::stopSignedWithThePublishedSecret),
			row("POST",   "/webhooks/sms/sandbox#published-secret-timestamped",      "401 401 401 401 401 | 401 401 401 401", AuthorizationMatrixIT::timestampedStopSignedWithThePublishedSecret));
	}
	// @formatter:on

	@BeforeAll
	static void dataInTwoKabupaten(SharedPlatform shared) throws Exception {
		platform = shared;
		api = shared.api();
		fixtures = new MatrixFixtures(api, shared.home());
		forged = new ForgedTokens(shared.home(), shared.launcher().url("KIM_AUTH_PORT"));
		ownGroup = fixtures.group(HOME, 3);
		otherGroup = fixtures.group(HOME, 1);
		String elsewhere = fixtures.group(ELSEWHERE, 3);
		homeForum = fixtures.establishForum(HOME, List.of(ownGroup));
		fixtures.startedActivity(HOME, ownGroup);
		fixtures.startedActivity(ELSEWHERE, elsewhere);
		// notifications and sandbox messages in both kabupaten, for the lists to leak
		fixtures.sendTo(ELSEWHERE, elsewhere, 3);
		fixtures.sendTo(HOME, ownGroup, 3);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> api.get("/api/sandbox/messages", fixtures.operator()).body().path("total").asInt() >= 6);
	}

	@TestFactory
	Stream<DynamicTest> everyEndpointAnswersEachCallerAsDesigned() {
		return table().stream().map((row) -> DynamicTest.dynamicTest(row.name(), () -> {
			List<String> wrong = check(row);
			assertThat(wrong).as("%s: answers other than designed", row.name()).isEmpty();
		}));
	}

	@Test
	void everyDocumentedEndpointHasARow() throws Exception {
		Set<String> documented = new TreeSet<>();
		for (String service : SERVICES) {
			Answer document = api.call("GET", "/v3/api-docs/" + service, null, Map.of(), null, null);
			assertThat(document.status()).as(document.text()).isEqualTo(200);
			document.body()
				.path("paths")
				.properties()
				.forEach((path) -> path.getValue()
					.properties()
					.forEach((operation) -> documented.add(operation.getKey().toUpperCase() + " " + path.getKey())));
		}
		Set<String> tabled = new TreeSet<>(table().stream().map(Row::operation).toList());

		assertThat(documented).as("endpoints without a row in the authorization table")
			.containsAll(tabled)
			.isEqualTo(tabled);
	}

	@Test
	void leakCheckSeesAnotherKabupatensMembersAndRecords() throws Exception {
		Answer everything = api.get("/api/sandbox/messages?size=200", fixtures.operator());

		assertThat(leaks(Caller.AGENCY_OWN, reference(), everything)).anyMatch((leak) -> leak.contains("group"))
			.anyMatch((leak) -> leak.contains("kabupaten " + ELSEWHERE));
	}

	@Test
	void servicesRefuseBadTokensOnTheirOwnPortsToo() throws Exception {
		Map<String, String> endpoints = Map.of("KIM_GROUP_PORT", "/api/groups", "KIM_ACTIVITY_PORT", "/api/activities",
				"KIM_DISSEMINATION_PORT", "/api/broadcasts", "KIM_NOTIFICATION_PORT", "/api/notifications");
		for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
			String service = platform.launcher().url(endpoint.getKey());
			assertThat(
					api.callAt(service, "GET", endpoint.getValue(), fixtures.operator(), Map.of(), null, null).status())
				.as("operator on %s", service)
				.isEqualTo(200);
			for (String token : Arrays.asList(null, forged.expired(), forged.wrongIssuer(), forged.untrustedKey())) {
				Answer answer = api.callAt(service, "GET", endpoint.getValue(), token, Map.of(), null, null);
				assertThat(answer.status()).as("%s%s: %s", service, endpoint.getValue(), answer.text()).isEqualTo(401);
			}
		}
	}

	// ---- running one row
	// ------------------------------------------------------------------

	/**
	 * Calls the row's endpoint as each caller; refused callers first, on one resource.
	 */
	private static List<String> check(Row row) throws Exception {
		List<String> wrong = new ArrayList<>();
		Target shared = row.setup().create();
		String before = probe(shared);
		List<Caller> refusedFirst = new ArrayList<>(List.of(Caller.values()));
		refusedFirst.sort((a, b) -> Boolean.compare(row.allows(a), row.allows(b)));
		boolean refusalsChecked = false;
		for (Caller caller : refusedFirst) {
			if (row.allows(caller) && !refusalsChecked) {
				refusalsChecked = true;
				unchanged(shared, before).ifPresent(wrong::add);
			}
			// an allowed change gets a resource of its own, so each finds the same state
			Target target = (row.allows(caller) && row.changes()) ? row.setup().create() : shared;
			Answer answer = call(row, target, caller);
			int expected = row.expected(caller);
			if (answer.status() != expected) {
				wrong.add(caller + ": designed " + expected + ", got " + answer.status() + " " + abbreviated(answer));
			}
			else if (expected >= 400 && !answer.contentType().startsWith("application/problem+json")) {
				wrong.add(caller + ": " + expected + " is not problem+json but " + answer.contentType());
			}
			else if (expected < 300) {
				leaks(caller, target, answer).forEach((leak) -> wrong.add(caller + ": " + leak));
			}
		}
		if (!refusalsChecked) {
			unchanged(shared, before).ifPresent(wrong::add);
		}
		return wrong;
	}

	private static Optional<String> unchanged(Target target, String before) throws Exception {
		String after = probe(target);
		if (before == null || before.equals(after)) {
			return Optional.empty();
		}
		return Optional.of("a refused call changed " + target.probe() + ": " + before + " -> " + after);
	}

	private static Answer call(Row row, Target target, Caller caller) throws Exception {
		return api.call(row.method(), target.resolve(row.template()), token(caller, target), target.headers(),
				target.contentType(), target.body());
	}

	private static String token(Caller caller, Target target) throws Exception {
		return switch (caller) {
			case OPERATOR -> fixtures.operator();
			case AGENCY_OWN -> fixtures.agency(target.home());
			case AGENCY_OTHER -> fixtures.agency(otherThan(target.home()));
			case COORDINATOR_OWN -> fixtures.coordinator(target.ownGroup());
			case COORDINATOR_OTHER -> fixtures.coordinator(otherGroup);
			case NO_TOKEN -> null;
			case EXPIRED -> forged.expired();
			case WRONG_ISSUER -> forged.wrongIssuer();
			case UNTRUSTED_KEY -> forged.untrustedKey();
		};
	}

	private static String otherThan(String kabupaten) {
		return ELSEWHERE.equals(kabupaten) ? "62.02" : ELSEWHERE;
	}

	/** The resource as an operator reads it, to see that a refused call left it alone. */
	private static String probe(Target target) throws Exception {
		if (target.probe() == null) {
			return null;
		}
		Answer answer = api.get(target.probe(), fixtures.operator());
		return answer.status() + " " + answer.text();
	}

	/**
	 * What a scoped caller must never get: another kabupaten's records, other groups'
	 * members.
	 */
	private static List<String> leaks(Caller caller, Target target, Answer answer) {
		Scope scope = switch (caller) {
			case AGENCY_OWN -> Scope.agency(target.home());
			case AGENCY_OTHER -> Scope.agency(otherThan(target.home()));
			case COORDINATOR_OWN -> new Scope(fixtures.kabupatenOf(target.ownGroup()), target.ownGroup());
			case COORDINATOR_OTHER -> new Scope(fixtures.kabupatenOf(otherGroup), otherGroup);
			default -> null;
		};
		List<String> leaks = new ArrayList<>();
		if (scope == null) {
			return leaks;
		}
		fixtures.phonesHiddenFrom(scope).forEach((phone, owner) -> {
			if (answer.text().contains(phone)) {
				leaks.add("sees the member " + phone + " of group " + owner);
			}
		});
		if (answer.text().startsWith("{") || answer.text().startsWith("[")) {
			kabupatenOutside(answer.body(), Set.of(scope.kabupaten(), PROVINCE), leaks);
		}
		return leaks;
	}

	private static void kabupatenOutside(JsonNode node, Set<String> allowed, List<String> leaks) {
		if (node.isArray()) {
			node.forEach((element) -> kabupatenOutside(element, allowed, leaks));
			return;
		}
		node.properties().forEach((field) -> {
			JsonNode value = field.getValue();
			if (field.getKey().equals("kabupaten")) {
				List<JsonNode> codes = value.isArray() ? value.valueStream().toList() : List.of(value);
				codes.stream()
					.filter(JsonNode::isString)
					.filter((code) -> !allowed.contains(code.asString()))
					.forEach((code) -> leaks.add("sees a record of kabupaten " + code.asString()));
			}
			else if (field.getKey().equals("byKabupaten") && value.isObject()) {
				value.propertyNames()
					.stream()
					.filter((code) -> !allowed.contains(code))
					.forEach((code) -> leaks.add("sees figures of kabupaten " + code));
			}
			else {
				kabupatenOutside(value, allowed, leaks);
			}
		});
	}

	private static String abbreviated(Answer answer) {
		String text = answer.text().replaceAll("\\s+", " ");
		return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
	}

	// ---- the resources a row calls
	// --------------------------------------------------------

	private static Target reference() {
		return new Target(Map.of(), HOME, ownGroup, null);
	}

	private static Target group() throws Exception {
		String id = fixtures.group(HOME, 1);
		return new Target(Map.of("id", id, "groupId", id), HOME, id, "/api/groups/" + id);
	}

	private static Target suspendedGroup() throws Exception {
		Target group = group();
		fixtures.suspend(group.vars().get("id"));
		return group;
	}

	private static Target partnership() throws Exception {
		String id = fixtures.group(HOME, 1);
		String partnership = fixtures.partnership(id);
		return new Target(Map.of("id", id, "partnershipId", partnership), HOME, id,
				"/api/groups/" + id + "/partnerships");
	}

	private static Target member() throws Exception {
		String group = fixtures.group(HOME, 0);
		String[] member = fixtures.member(group);
		return new Target(Map.of("groupId", group, "memberId", member[0], "phone", member[1]), HOME, group,
				"/api/groups/" + group + "/members");
	}

	private static Target newMember() throws Exception {
		Target group = group();
		return group.json(MatrixFixtures.memberBody(fixtures.phoneFor(group.ownGroup())));
	}

	private static Target csvRoster() throws Exception {
		Target group = group();
		String csv = "nama;no_hp;jenis_kelamin;kelompok_usia;pekerjaan;jabatan\nDamang Ukur;"
				+ fixtures.phoneFor(group.ownGroup()) + ";L;Lansia;Petani;\n";
		return group.raw("text/csv", csv.getBytes(StandardCharsets.UTF_8));
	}

	private static Target uploadedRoster() throws Exception {
		Target group = group();
		String boundary = "kim-roster-boundary";
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roster.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\nnama,no_hp,jenis_kelamin,kelompok_usia\nSiti Aminah,"
				+ fixtures.phoneFor(group.ownGroup()) + ",P,Dewasa\n\r\n--" + boundary + "--\r\n";
		return group.raw("multipart/form-data; boundary=" + boundary, body.getBytes(StandardCharsets.UTF_8));
	}

	private static Target personErasure() throws Exception {
		Target member = member();
		String phone = member.vars().get("phone");
		return member.withProbe("/api/members?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8))
			.json(Map.of("phone", phone));
	}

	private static Target newForum() {
		String kabupaten = fixtures.kabupatenWithoutForum();
		return new Target(Map.of(), kabupaten, ownGroup, null)
			.json(Map.of("kabupaten", kabupaten, "name", "Forum KIM " + kabupaten));
	}

	private static Target forum() {
		return new Target(Map.of("id", homeForum), HOME, ownGroup, "/api/forums/" + homeForum);
	}

	private static Target groupJoiningForum() throws Exception {
		String group = fixtures.group(HOME, 1);
		return forum().json(Map.of("groupId", group));
	}

	private static Target groupInForum() throws Exception {
		String group = fixtures.group(HOME, 1);
		fixtures.joinForum(homeForum, group);
		return new Target(Map.of("id", homeForum, "groupId", group), HOME, ownGroup, "/api/forums/" + homeForum);
	}

	private static Target calendarFeed() throws Exception {
		String url = api.post("/api/calendar-feeds", fixtures.operator(), Map.of("kabupaten", HOME))
			.body()
			.path("url")
			.asString();
		String[] parts = url.substring(url.indexOf("/calendars/") + "/calendars/".length()).split("/");
		return new Target(Map.of("id", parts[0], "secret", parts[1].replace(".ics", "")), HOME, ownGroup, null);
	}

	private static Target activity() throws Exception {
		String id = fixtures.startedActivity(HOME, ownGroup);
		return new Target(Map.of("id", id), HOME, ownGroup, "/api/activities/" + id);
	}

	private static Target draft() throws Exception {
		String id = fixtures.draft(fixtures.agency(HOME), HOME, ownGroup);
		return new Target(Map.of("id", id), HOME, ownGroup, "/api/broadcasts/" + id);
	}

	private static Target operatorDraft() throws Exception {
		String id = fixtures.draft(fixtures.operator(), HOME, ownGroup);
		return new Target(Map.of("id", id), HOME, ownGroup, "/api/broadcasts/" + id);
	}

	private static Target submitted() throws Exception {
		Target draft = draft();
		fixtures.submit(fixtures.agency(HOME), draft.vars().get("id"));
		return draft;
	}

	private static byte[] stopFromAnUnknownPhone() {
		return json(Map.of("from", "+6281299990001", "text", "STOP"));
	}

	private static Target unsignedStop() {
		return reference().raw("application/json", stopFromAnUnknownPhone());
	}

	/** Issue #6's reproduction: the README's secret, signature over the body. */
	private static Target stopSignedWithThePublishedSecret() {
		byte[] body = stopFromAnUnknownPhone();
		return reference().raw("application/json", body)
			.headers(Map.of("X-Sandbox-Signature", "sha256=" + hmac(PUBLISHED_WEBHOOK_SECRET, body)));
	}

	/** The same with the timestamped scheme: still the published secret. */
	private static Target timestampedStopSignedWithThePublishedSecret() {
		byte[] body = stopFromAnUnknownPhone();
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		byte[] signed = (timestamp + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
		return reference().raw("application/json", body)
			.headers(Map.of("X-Kim-Timestamp", timestamp, "X-Sandbox-Signature",
					"sha256=" + hmac(PUBLISHED_WEBHOOK_SECRET, signed)));
	}

	private static String hmac(String secret, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(data));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// ---- the table's parts
	// ----------------------------------------------------------------

	private static Row row(String method, String template, String answers, Setup setup) {
		int[] expected = Arrays.stream(answers.replace("|", " ").trim().split("\\s+"))
			.mapToInt(Integer::parseInt)
			.toArray();
		assertThat(expected).as("%s %s: one answer per caller", method, template).hasSize(Caller.values().length);
		return new Row(method, template, expected, setup);
	}

	/** Makes the resource a row calls, fresh each time. */
	@FunctionalInterface
	interface Setup {

		Target create() throws Exception;

	}

	/**
	 * One endpoint (a variant of it after {@code ?} or {@code #}) and its designed answer
	 * per caller.
	 */
	record Row(String method, String template, int[] expected, Setup setup) {

		int expected(Caller caller) {
			return this.expected[caller.ordinal()];
		}

		boolean allows(Caller caller) {
			return expected(caller) < 300;
		}

		boolean changes() {
			return !this.method.equals("GET");
		}

		/** As the service's OpenAPI document names it. */
		String operation() {
			return this.method + " " + this.template.split("[?#]")[0];
		}

		String name() {
			return this.method + " " + this.template;
		}

	}

	/**
	 * What a row calls: the values of its path variables, whose it is (kabupaten, and the
	 * group whose coordinator is "own"), a path showing its state, and the request.
	 */
	record Target(Map<String, String> vars, String home, String ownGroup, String probe, String contentType, byte[] body,
			Map<String, String> headers) {

		private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

		Target(Map<String, String> vars, String home, String ownGroup, String probe) {
			this(vars, home, ownGroup, probe, null, null, Map.of());
		}

		Target json(Object body) {
			return raw("application/json", MatrixFixtures.json(body));
		}

		Target raw(String type, byte[] content) {
			return new Target(this.vars, this.home, this.ownGroup, this.probe, type, content, this.headers);
		}

		Target headers(Map<String, String> extra) {
			return new Target(this.vars, this.home, this.ownGroup, this.probe, this.contentType, this.body, extra);
		}

		Target withProbe(String path) {
			return new Target(this.vars, this.home, this.ownGroup, path, this.contentType, this.body, this.headers);
		}

		String resolve(String template) {
			Map<String, String> values = new LinkedHashMap<>(this.vars);
			values.put("home", this.home);
			Matcher matcher = VARIABLE.matcher(template.split("#")[0]);
			StringBuilder path = new StringBuilder();
			while (matcher.find()) {
				String value = values.get(matcher.group(1));
				assertThat(value).as("value of {%s} in %s", matcher.group(1), template).isNotNull();
				matcher.appendReplacement(path,
						Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8)));
			}
			matcher.appendTail(path);
			return path.toString();
		}

	}

}
