package id.go.kalteng.kim.group.registry;

import java.time.Duration;
import java.util.List;

import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.group.GroupApi;
import id.go.kalteng.kim.group.GroupServiceIntegrationTest;
import id.go.kalteng.kim.support.test.TestTokens;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The group register over HTTP: validation, idempotency, ETags, lifecycle, search,
 * statistics, partnerships and who may see what.
 */
class GroupApiIntegrationTest extends GroupServiceIntegrationTest {

	@Test
	void aRegisteredGroupIsFormingAndAnnouncedWithAValidEvent() throws Exception {
		try (TopicReader events = new TopicReader(Topics.GROUP_EVENTS)) {
			String location = this.mvc
				.perform(post("/api/groups").with(OPERATOR)
					.contentType(MediaType.APPLICATION_JSON)
					.content(GroupApi.groupBody("KIM Betang Hapakat", "62.71")))
				.andExpect(status().isCreated())
				.andExpect(header().exists(HttpHeaders.ETAG))
				.andExpect(jsonPath("$.status").value("FORMING"))
				.andExpect(jsonPath("$.memberCount").value(0))
				.andReturn()
				.getResponse()
				.getHeader(HttpHeaders.LOCATION);
			String id = location.substring(location.lastIndexOf('/') + 1);
			this.mvc.perform(get(location).with(OPERATOR))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.id").value(id))
				.andExpect(jsonPath("$.name").value("KIM Betang Hapakat"));
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				List<ConsumerRecord<String, byte[]>> records = events.forSubject(id);
				assertThat(records).singleElement().satisfies((r) -> {
					assertThat(r.key()).isEqualTo(id);
					assertThat(TopicReader.header(r, "ce_type")).isEqualTo("kim.group.group-registered.v1");
					assertThat(TopicReader.header(r, "ce_kabupaten")).isEqualTo("62.71");
					EventSchemas.assertValid("kim.group.group-registered.v1", TopicReader.value(r));
				});
			});
		}
	}

	@Test
	void anInvalidGroupIsRejectedWithTheBadFieldsAndNothingIsStored() throws Exception {
		long before = total("/api/groups?q=Tanpa");
		this.mvc
			.perform(post("/api/groups").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"\",\"kabupaten\":\"62.71\",\"kecamatan\":\"Pahandut\",\"desa\":\"\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field", hasItems("name", "desa", "setting")));
		this.mvc
			.perform(post("/api/groups").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content(GroupApi.groupBody("KIM Tanpa Kabupaten", "63.01")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("kabupaten"));
		this.mvc
			.perform(post("/api/groups").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content(GroupApi.groupBody("KIM Tanpa", "62.71").replace("PERKOTAAN", "KOTA")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		assertThat(total("/api/groups?q=Tanpa")).isEqualTo(before);
	}

	@Test
	void theSameIdempotencyKeyRegistersOneGroup() throws Exception {
		String[] ids = new String[2];
		for (int i = 0; i < 2; i++) {
			ids[i] = this.api.read(this.mvc
				.perform(post("/api/groups").with(OPERATOR)
					.header("Idempotency-Key", "daftar-kim-sebangau")
					.contentType(MediaType.APPLICATION_JSON)
					.content(GroupApi.groupBody("KIM Sebangau", "62.71")))
				.andExpect(status().isCreated())
				.andReturn()
				.getResponse()
				.getContentAsString()).get("id").asString();
		}
		assertThat(ids[1]).isEqualTo(ids[0]);
		assertThat(total("/api/groups?q=Sebangau")).isEqualTo(1);
	}

	@Test
	void aStaleIfMatchIsRefusedWith412AndChangesNothing() throws Exception {
		String id = this.api.registerGroup(OPERATOR, "KIM Tumbang Tahai", "62.71").get("id").asString();
		String etag = this.mvc.perform(get("/api/groups/{id}", id).with(OPERATOR))
			.andReturn()
			.getResponse()
			.getHeader(HttpHeaders.ETAG);
		this.mvc
			.perform(patch("/api/groups/{id}", id).with(OPERATOR)
				.header(HttpHeaders.IF_MATCH, etag)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"focus\":\"Literasi digital\",\"skNumber\":\"141/12/KEL/2026\",\"skDate\":\"2026-02-01\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.focus").value("Literasi digital"))
			.andExpect(jsonPath("$.skNumber").value("141/12/KEL/2026"));
		this.mvc
			.perform(patch("/api/groups/{id}", id).with(OPERATOR)
				.header(HttpHeaders.IF_MATCH, etag)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"focus\":\"Lain\"}"))
			.andExpect(status().isPreconditionFailed())
			.andExpect(jsonPath("$.type").value(endsWith("/stale-version")));
		this.mvc.perform(get("/api/groups/{id}", id).with(OPERATOR))
			.andExpect(jsonPath("$.focus").value("Literasi digital"));
	}

	@Test
	void suspendReinstateAndDissolveFollowTheLifecycle() throws Exception {
		String id = this.api.registerGroup(OPERATOR, "KIM Bukit Tunggal", "62.71").get("id").asString();
		for (int i = 0; i < 3; i++) {
			this.api.join(OPERATOR, id, GroupApi.newPhone(), "ANGGOTA");
		}
		this.mvc.perform(get("/api/groups/{id}", id).with(OPERATOR)).andExpect(jsonPath("$.status").value("ACTIVE"));
		lifecycle(id, "suspend", "{\"reason\":\"laporan belum masuk\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("SUSPENDED"))
			.andExpect(jsonPath("$.statusReason").value("laporan belum masuk"));
		lifecycle(id, "suspend", "{\"reason\":\"lagi\"}").andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value(endsWith("/group-state")));
		lifecycle(id, "reinstate", "{}").andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACTIVE"));
		lifecycle(id, "dissolve", "{}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		lifecycle(id, "dissolve", "{\"reason\":\"bubar\"}").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("DISSOLVED"));
		this.mvc
			.perform(post("/api/groups/{id}/members", id).with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content(GroupApi.memberBody("Budi", GroupApi.newPhone(), "ANGGOTA")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value(endsWith("/group-dissolved")));
	}

	@Test
	void anAgencySeesAndManagesOnlyItsOwnKabupaten() throws Exception {
		RequestPostProcessor kapuas = TestTokens.agency("62.03");
		String own = this.api.registerGroup(kapuas, "KIM Kapuas Murung", "62.03").get("id").asString();
		String other = this.api.registerGroup(OPERATOR, "KIM Pahandut Seberang", "62.71").get("id").asString();
		this.mvc.perform(get("/api/groups/{id}", own).with(kapuas)).andExpect(status().isOk());
		this.mvc.perform(get("/api/groups/{id}", other).with(kapuas))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("group " + other + " does not exist"));
		this.mvc.perform(get("/api/groups/{id}/members", other).with(kapuas)).andExpect(status().isNotFound());
		this.mvc
			.perform(post("/api/groups/{id}/suspend", other).with(kapuas)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\"x\"}"))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/api/groups").with(kapuas)
				.contentType(MediaType.APPLICATION_JSON)
				.content(GroupApi.groupBody("KIM Luar", "62.71")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/groups").with(kapuas))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[*].kabupaten", everyItem(is("62.03"))))
			.andExpect(jsonPath("$.items[*].id", hasItem(own)));
		this.mvc.perform(get("/api/groups?kabupaten=62.71").with(kapuas))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(0));
	}

	@Test
	void aCoordinatorManagesMembersOfItsOwnGroupOnly() throws Exception {
		String own = this.api.registerGroup(OPERATOR, "KIM Kereng Bangkirai", "62.71").get("id").asString();
		String other = this.api.registerGroup(OPERATOR, "KIM Kalampangan", "62.71").get("id").asString();
		RequestPostProcessor coordinator = TestTokens.coordinator(own);
		this.api.join(coordinator, own, GroupApi.newPhone(), "KETUA");
		this.mvc.perform(get("/api/groups/{id}", own).with(coordinator)).andExpect(status().isOk());
		this.mvc.perform(get("/api/groups/{id}", other).with(coordinator)).andExpect(status().isNotFound());
		this.mvc
			.perform(post("/api/groups/{id}/members", other).with(coordinator)
				.contentType(MediaType.APPLICATION_JSON)
				.content(GroupApi.memberBody("Budi", GroupApi.newPhone(), "ANGGOTA")))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/api/groups/{id}/suspend", own).with(coordinator)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\"x\"}"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/groups").with(coordinator))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].id").value(own));
	}

	@Test
	void searchFiltersByKabupatenStatusSettingAndName() throws Exception {
		String rural = this.api.read(this.mvc
			.perform(post("/api/groups").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content(GroupApi.groupBody("KIM Maliku Baru", "62.11").replace("PERKOTAAN", "PERDESAAN")))
			.andReturn()
			.getResponse()
			.getContentAsString()).get("id").asString();
		this.api.registerGroup(OPERATOR, "KIM Maliku Lama", "62.11");
		this.mvc.perform(get("/api/groups?kabupaten=62.11&setting=PERDESAAN&q=maliku").with(OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].id").value(rural));
		this.mvc.perform(get("/api/groups?kabupaten=62.11&q=MALIKU&status=FORMING&size=1").with(OPERATOR))
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.size").value(1))
			.andExpect(jsonPath("$.items.length()").value(1));
		this.mvc.perform(get("/api/groups?size=0").with(OPERATOR)).andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/groups?status=NONE").with(OPERATOR)).andExpect(status().isBadRequest());
	}

	@Test
	void aPageBeyondTheReachOfAnySkipIsABadRequestNotAnotherPagesItems() throws Exception {
		this.api.registerGroup(OPERATOR, "KIM Halaman Jauh", "62.12");
		this.mvc.perform(get("/api/groups?page=21474837&size=100").with(OPERATOR))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("page"))
			.andExpect(jsonPath("$.errors[0].message", containsString("narrow")));
		this.mvc.perform(get("/api/groups?page=2147483648").with(OPERATOR))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("page"));
		this.mvc.perform(get("/api/groups?page=1000&size=100&kabupaten=62.12").with(OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(0));
	}

	@Test
	void aFilterByAKabupatenThatDoesNotExistIsABadRequestNamingIt() throws Exception {
		for (String path : new String[] { "/api/groups?kabupaten=99.99", "/api/groups/stats?kabupaten=6271" }) {
			this.mvc.perform(get(path).with(OPERATOR))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value("kabupaten"))
				.andExpect(jsonPath("$.errors[0].message", containsString("62.71")));
		}
	}

	@Test
	void statisticsCountGroupsAndMembersByKabupatenAndStatus() throws Exception {
		String id = this.api.registerGroup(OPERATOR, "KIM Statistik", "62.12").get("id").asString();
		for (int i = 0; i < 3; i++) {
			this.api.join(OPERATOR, id, GroupApi.newPhone(), "ANGGOTA");
		}
		this.api.registerGroup(OPERATOR, "KIM Statistik Dua", "62.12");
		this.mvc.perform(get("/api/groups/stats?kabupaten=62.12").with(OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.byKabupaten.length()").value(1))
			.andExpect(jsonPath("$.byKabupaten[0].name").value("Murung Raya"))
			.andExpect(jsonPath("$.byKabupaten[0].groups.ACTIVE").value(1))
			.andExpect(jsonPath("$.byKabupaten[0].groups.FORMING").value(1))
			.andExpect(jsonPath("$.byKabupaten[0].members.ACTIVE").value(3))
			.andExpect(jsonPath("$.total.totalGroups").value(2))
			.andExpect(jsonPath("$.total.totalMembers").value(3));
		this.mvc.perform(get("/api/groups/stats").with(TestTokens.agency("62.12")))
			.andExpect(jsonPath("$.byKabupaten.length()").value(1))
			.andExpect(jsonPath("$.byKabupaten[0].kabupaten").value("62.12"));
		this.mvc.perform(get("/api/groups/stats").with(OPERATOR))
			.andExpect(jsonPath("$.byKabupaten.length()").value(14));
	}

	@Test
	void aPartnershipWithADinasIsRecordedAndEnded() throws Exception {
		String id = this.api.registerGroup(OPERATOR, "KIM Mitra Tani", "62.71").get("id").asString();
		JsonNode partnership = this.api.read(this.mvc
			.perform(post("/api/groups/{id}/partnerships", id).with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"agency\":\"Dinas Pertanian Kota Palangka Raya\",\"scope\":\"Penyuluhan\","
						+ "\"since\":\"2026-01-15\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().exists(HttpHeaders.LOCATION))
			.andReturn()
			.getResponse()
			.getContentAsString());
		this.mvc
			.perform(post("/api/groups/{id}/partnerships", id).with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"agency\":\"Dinas Pertanian Kota Palangka Raya\",\"scope\":\"Penyuluhan\","
						+ "\"since\":\"2026-03-01\"}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value(endsWith("/duplicate-partnership")));
		this.mvc
			.perform(post("/api/groups/{id}/partnerships/{p}/end", id, partnership.get("id").asString()).with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"until\":\"2026-10-31\",\"reason\":\"program selesai\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.until").value("2026-10-31"));
		this.mvc.perform(get("/api/groups/{id}/partnerships", id).with(OPERATOR))
			.andExpect(jsonPath("$.items[0].agency").value("Dinas Pertanian Kota Palangka Raya"))
			.andExpect(jsonPath("$.items[0].endReason").value("program selesai"));
	}

	@Test
	void theKabupatenReferenceListsAllFourteen() throws Exception {
		this.mvc.perform(get("/api/kabupaten").with(TestTokens.coordinator("x")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(14))
			.andExpect(jsonPath("$.items[?(@.code=='62.71')].name").value("Kota Palangka Raya"));
	}

	private org.springframework.test.web.servlet.ResultActions lifecycle(String id, String action, String body)
			throws Exception {
		return this.mvc.perform(post("/api/groups/{id}/" + action, id).with(OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	private long total(String path) throws Exception {
		return this.api.read(this.mvc.perform(get(path).with(OPERATOR)).andReturn().getResponse().getContentAsString())
			.get("total")
			.asLong();
	}

}
