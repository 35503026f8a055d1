package id.go.kalteng.kim.infra.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import id.go.kalteng.kim.infra.e2e.PublicApi.Answer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The data the authorization matrix runs against, made through the public API as an
 * operator would, and a record of whose it is: which kabupaten each group is in and which
 * phone numbers its members have, so a test can tell data a caller must never see.
 */
final class MatrixFixtures {

	/** The kabupaten of the resources under test (Kota Palangka Raya). */
	static final String HOME = "62.71";

	/** Another kabupaten with data of its own (Kotawaringin Barat). */
	static final String ELSEWHERE = "62.01";

	/**
	 * The province: forums and activities may belong to it rather than to a kabupaten.
	 */
	static final String PROVINCE = "62";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PublicApi api;

	private final Path coordinatorGroupFile;

	private final Map<String, String> clientTokens = new HashMap<>();

	private final Map<String, String> coordinatorTokens = new HashMap<>();

	private final Map<String, String> kabupatenOfGroup = new HashMap<>();

	private final Map<String, Set<String>> phonesOfGroup = new HashMap<>();

	private final AtomicInteger phones = new AtomicInteger();

	/** Kabupaten without a forum, for establishing one per allowed call. */
	private final Deque<String> withoutForum = new ArrayDeque<>(List.of("62.02", "62.03", "62.04", "62.05", "62.06",
			"62.07", "62.08", "62.09", "62.10", "62.11", "62.12", "62.13"));

	MatrixFixtures(PublicApi api, Path kimHome) {
		this.api = api;
		// the local issuer reads the coordinator's group from here on every token
		this.coordinatorGroupFile = kimHome.resolve("data/demo/coordinator-group");
	}

	// ---- tokens
	// ---------------------------------------------------------------------------

	String operator() throws Exception {
		return client("operator-1");
	}

	String secondOperator() throws Exception {
		return client("operator-2");
	}

	String agency(String kabupaten) throws Exception {
		return client("agency-" + kabupaten.replace(".", ""));
	}

	/** A coordinator whose token names this group. */
	synchronized String coordinator(String groupId) throws Exception {
		String cached = this.coordinatorTokens.get(groupId);
		if (cached != null) {
			return cached;
		}
		Files.createDirectories(this.coordinatorGroupFile.getParent());
		Files.writeString(this.coordinatorGroupFile, groupId);
		String token = this.api.token("coordinator-demo");
		assertThat(claims(token).path("group").asString()).as("group claim of the coordinator's token")
			.isEqualTo(groupId);
		this.coordinatorTokens.put(groupId, token);
		return token;
	}

	private synchronized String client(String clientId) throws Exception {
		String cached = this.clientTokens.get(clientId);
		if (cached == null) {
			cached = this.api.token(clientId);
			this.clientTokens.put(clientId, cached);
		}
		return cached;
	}

	private static JsonNode claims(String token) {
		return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
	}

	// ---- what belongs to whom
	// ---------------------------------------------------------------

	String kabupatenOf(String groupId) {
		return this.kabupatenOfGroup.get(groupId);
	}

	/** Phone numbers (E.164) of members of groups that the scope may not see. */
	Map<String, String> phonesHiddenFrom(Scope scope) {
		Map<String, String> hidden = new LinkedHashMap<>();
		this.phonesOfGroup.forEach((group, phones) -> {
			boolean visible = (scope.group() != null) ? group.equals(scope.group())
					: this.kabupatenOfGroup.get(group).equals(scope.kabupaten());
			if (!visible) {
				phones.forEach((phone) -> hidden.put(phone, group + " in " + this.kabupatenOfGroup.get(group)));
			}
		});
		return hidden;
	}

	/** A new phone number, recorded as the group's. */
	String phoneFor(String groupId) {
		String local = "08125300" + "%04d".formatted(this.phones.incrementAndGet());
		this.phonesOfGroup.computeIfAbsent(groupId, (id) -> new LinkedHashSet<>()).add(e164(local));
		return local;
	}

	static String e164(String local) {
		return "+62" + local.substring(1);
	}

	/**
	 * Whose data a scoped caller may see: an agency's kabupaten or a coordinator's group.
	 */
	record Scope(String kabupaten, String group) {

		static Scope agency(String kabupaten) {
			return new Scope(kabupaten, null);
		}

	}

	// ---- groups, members, forums
	// ------------------------------------------------------------

	String group(String kabupaten, int members) throws Exception {
		Answer group = created(this.api.post("/api/groups", operator(), Map.of("name", "KIM Uji Akses", "kabupaten",
				kabupaten, "kecamatan", "Jekan Raya", "desa", "Palangka", "setting", "PERKOTAAN")));
		this.kabupatenOfGroup.put(group.id(), kabupaten);
		this.phonesOfGroup.put(group.id(), new LinkedHashSet<>());
		for (int i = 0; i < members; i++) {
			member(group.id());
		}
		return group.id();
	}

	/**
	 * @return the member's id and local phone number
	 */
	String[] member(String groupId) throws Exception {
		String phone = phoneFor(groupId);
		Answer member = created(this.api.post("/api/groups/" + groupId + "/members", operator(), memberBody(phone)));
		return new String[] { member.id(), phone };
	}

	static Map<String, Object> memberBody(String phone) {
		return Map.of("name", "Warga Uji", "phone", phone, "gender", "WANITA", "ageGroup", "DEWASA", "occupation",
				"PETANI", "role", "ANGGOTA", "whatsapp", false);
	}

	String partnership(String groupId) throws Exception {
		return created(this.api.post("/api/groups/" + groupId + "/partnerships", operator(),
				Map.of("agency", "Dinas Pertanian", "scope", "Penyuluhan", "since", "2026-01-15")))
			.id();
	}

	void suspend(String groupId) throws Exception {
		ok(this.api.post("/api/groups/" + groupId + "/suspend", operator(), Map.of("reason", "Uji akses")));
	}

	String establishForum(String kabupaten, List<String> groups) throws Exception {
		return created(this.api.post("/api/forums", operator(),
				Map.of("kabupaten", kabupaten, "name", "Forum KIM Uji " + kabupaten, "memberGroups", groups)))
			.id();
	}

	void joinForum(String forumId, String groupId) throws Exception {
		ok(this.api.post("/api/forums/" + forumId + "/groups", operator(), Map.of("groupId", groupId)));
	}

	synchronized String kabupatenWithoutForum() {
		return this.withoutForum.pop();
	}

	// ---- activities and broadcasts
	// ----------------------------------------------------------

	static Map<String, Object> activity(String kabupaten, String invitedGroup, OffsetDateTime startsAt) {
		return Map.of("type", "WORKSHOP", "title", "Workshop literasi digital", "organizer", "Diskominfo", "kabupaten",
				kabupaten, "place", "Aula Kelurahan", "startsAt", startsAt.toString(), "endsAt",
				startsAt.plusHours(3).toString(), "invitedGroups", List.of(invitedGroup));
	}

	/** An activity that started an hour ago, so attendance and completion are open. */
	String startedActivity(String kabupaten, String invitedGroup) throws Exception {
		Map<String, Object> body = activity(kabupaten, invitedGroup,
				OffsetDateTime.now(ZoneOffset.ofHours(7)).minusHours(1));
		AtomicReference<Answer> planned = new AtomicReference<>();
		// activity-service learns of the group from group-service's events: until then
		// the
		// invitation is a 400
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
			planned.set(this.api.post("/api/activities", operator(), body));
			return planned.get().status() != 400;
		});
		return created(planned.get()).id();
	}

	static Map<String, Object> broadcast(String kabupaten, String group) {
		return Map.of("title", "Uji akses", "message", "Informasi uji hak akses", "channels", List.of("SMS"),
				"priority", "NORMAL", "target", Map.of("kabupaten", List.of(kabupaten), "groups", List.of(group)));
	}

	String draft(String authorToken, String kabupaten, String group) throws Exception {
		return created(this.api.post("/api/broadcasts", authorToken, broadcast(kabupaten, group))).id();
	}

	void submit(String token, String broadcastId) throws Exception {
		ok(this.api.post("/api/broadcasts/" + broadcastId + "/submit", token, Map.of()));
	}

	/**
	 * A broadcast to the group, approved once dissemination-service knows its members.
	 */
	void sendTo(String kabupaten, String group, int members) throws Exception {
		String id = draft(operator(), kabupaten, group);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> this.api.get("/api/broadcasts/" + id + "/preview", operator())
				.body()
				.path("recipients")
				.asInt() == members);
		submit(operator(), id);
		ok(this.api.post("/api/broadcasts/" + id + "/approve", secondOperator(), Map.of()));
	}

	// ---- answers
	// ----------------------------------------------------------------------------

	private static Answer created(Answer answer) {
		assertThat(answer.status()).as(answer.text()).isEqualTo(201);
		return answer;
	}

	private static Answer ok(Answer answer) {
		assertThat(answer.status()).as(answer.text()).isEqualTo(200);
		return answer;
	}

	static byte[] json(Object body) {
		return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
	}

}
