package id.go.kalteng.kim.group.membership;

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

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Members over HTTP: number normalisation, the membership rules as 409s, field errors,
 * ETags, removal and erasure, and the events every change publishes.
 */
class MemberApiIntegrationTest extends GroupServiceIntegrationTest {

	@Test
	void joiningMembersAreNormalisedActivateTheGroupAndPublishValidEvents() throws Exception {
		String group = this.api.registerGroup(OPERATOR, "KIM Flamboyan", "62.71").get("id").asString();
		try (TopicReader events = new TopicReader(Topics.GROUP_EVENTS)) {
			String phone = GroupApi.newPhone();
			String spaced = "+62 " + phone.substring(1).replace("-", " ");
			this.mvc
				.perform(post("/api/groups/{id}/members", group).with(OPERATOR)
					.contentType(MediaType.APPLICATION_JSON)
					.content(GroupApi.memberBody("Siti Rahayu", spaced, "KETUA")))
				.andExpect(status().isCreated())
				.andExpect(header().exists(HttpHeaders.LOCATION))
				.andExpect(header().exists(HttpHeaders.ETAG))
				.andExpect(jsonPath("$.phone").value(GroupApi.e164(phone)))
				.andExpect(jsonPath("$.consent.sms").value(true));
			this.api.join(OPERATOR, group, GroupApi.newPhone(), "SEKRETARIS");
			this.api.join(OPERATOR, group, GroupApi.newPhone(), "ANGGOTA");
			this.mvc.perform(get("/api/groups/{id}", group).with(OPERATOR))
				.andExpect(jsonPath("$.status").value("ACTIVE"))
				.andExpect(jsonPath("$.memberCount").value(3));
			this.mvc.perform(get("/api/groups/{id}/members", group).with(OPERATOR))
				.andExpect(jsonPath("$.total").value(3))
				.andExpect(jsonPath("$.items[0].role").value("KETUA"));
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				List<ConsumerRecord<String, byte[]>> records = events.forSubject(group);
				List<String> types = records.stream().map((r) -> TopicReader.header(r, "ce_type")).toList();
				assertThat(types).containsExactly("kim.group.group-registered.v1", "kim.group.member-joined.v1",
						"kim.group.member-joined.v1", "kim.group.member-joined.v1", "kim.group.group-activated.v1");
				records
					.forEach((r) -> EventSchemas.assertValid(TopicReader.header(r, "ce_type"), TopicReader.value(r)));
				assertThat(TopicReader.value(records.get(1))).contains(GroupApi.e164(phone))
					.doesNotContain("Siti Rahayu");
			});
		}
	}

	@Test
	void theMembershipRulesAnswer409NamingTheRule() throws Exception {
		String group = this.api.registerGroup(OPERATOR, "KIM Anggrek", "62.71").get("id").asString();
		String phone = GroupApi.newPhone();
		this.api.join(OPERATOR, group, phone, "KETUA");
		join(group, GroupApi.e164(phone), "ANGGOTA").andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value(endsWith("/duplicate-phone")));
		join(group, GroupApi.newPhone(), "KETUA").andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value(endsWith("/officer-taken")));
		for (int i = 1; i < 30; i++) {
			this.api.join(OPERATOR, group, GroupApi.newPhone(), "ANGGOTA");
		}
		join(group, GroupApi.newPhone(), "ANGGOTA").andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value(endsWith("/group-full")))
			.andExpect(jsonPath("$.detail").value(containsString("30")));
		this.mvc.perform(get("/api/groups/{id}", group).with(OPERATOR)).andExpect(jsonPath("$.memberCount").value(30));
	}

	@Test
	void badMemberFieldsAreNamedAndNothingChanges() throws Exception {
		String group = this.api.registerGroup(OPERATOR, "KIM Melati", "62.71").get("id").asString();
		join(group, "021-5551234", "ANGGOTA").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("phone"))
			.andExpect(jsonPath("$.errors[0].rejectedValue").doesNotExist());
		this.mvc
			.perform(post("/api/groups/{id}/members", group).with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"\",\"phone\":\"" + GroupApi.newPhone() + "\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(
					jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.hasItems("name", "gender", "ageGroup")));
		this.mvc
			.perform(post("/api/groups/{id}/members", "no-such-group").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content(GroupApi.memberBody("Ani", GroupApi.newPhone(), "ANGGOTA")))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/groups/{id}", group).with(OPERATOR)).andExpect(jsonPath("$.memberCount").value(0));
	}

	@Test
	void aMemberIsChangedWithItsETagAndAStaleOneIsRefused() throws Exception {
		String group = this.api.registerGroup(OPERATOR, "KIM Kenanga", "62.71").get("id").asString();
		String member = this.api.join(OPERATOR, group, GroupApi.newPhone(), "ANGGOTA").get("id").asString();
		String etag = this.mvc.perform(get("/api/groups/{g}/members/{m}", group, member).with(OPERATOR))
			.andReturn()
			.getResponse()
			.getHeader(HttpHeaders.ETAG);
		String newPhone = GroupApi.newPhone();
		this.mvc
			.perform(patch("/api/groups/{g}/members/{m}", group, member).with(OPERATOR)
				.header(HttpHeaders.IF_MATCH, etag)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"phone\":\"" + newPhone + "\",\"role\":\"BENDAHARA\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.phone").value(GroupApi.e164(newPhone)))
			.andExpect(jsonPath("$.role").value("BENDAHARA"))
			.andExpect(header().string(HttpHeaders.ETAG, not(etag)));
		this.mvc
			.perform(patch("/api/groups/{g}/members/{m}", group, member).with(OPERATOR)
				.header(HttpHeaders.IF_MATCH, etag)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Lain\"}"))
			.andExpect(status().isPreconditionFailed());
		this.mvc
			.perform(patch("/api/groups/{g}/members/{m}", group, member).with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"phone\":\"12\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("phone"));
	}

	@Test
	void leavingAndErasureShrinkTheGroupAndOnlyAnOperatorErases() throws Exception {
		String group = this.api.registerGroup(OPERATOR, "KIM Cempaka", "62.71").get("id").asString();
		String[] members = new String[3];
		for (int i = 0; i < 3; i++) {
			members[i] = this.api.join(OPERATOR, group, GroupApi.newPhone(), "ANGGOTA").get("id").asString();
		}
		try (TopicReader events = new TopicReader(Topics.GROUP_EVENTS)) {
			this.mvc.perform(delete("/api/groups/{g}/members/{m}", group, members[0]).with(OPERATOR))
				.andExpect(status().isNoContent());
			this.mvc.perform(get("/api/groups/{id}", group).with(OPERATOR))
				.andExpect(jsonPath("$.status").value("FORMING"));
			this.mvc
				.perform(post("/api/groups/{g}/members/{m}/erase", group, members[1]).with(TestTokens.agency("62.71")))
				.andExpect(status().isForbidden());
			this.mvc.perform(post("/api/groups/{g}/members/{m}/erase", group, members[1]).with(OPERATOR))
				.andExpect(status().isNoContent());
			this.mvc.perform(get("/api/groups/{g}/members/{m}", group, members[1]).with(OPERATOR))
				.andExpect(status().isNotFound());
			this.mvc.perform(delete("/api/groups/{g}/members/{m}", group, members[1]).with(OPERATOR))
				.andExpect(status().isNotFound());
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				List<String> types = events.forSubject(group).stream().filter((r) -> {
					EventSchemas.assertValid(TopicReader.header(r, "ce_type"), TopicReader.value(r));
					return true;
				}).map((r) -> TopicReader.header(r, "ce_type")).toList();
				assertThat(types).containsSubsequence("kim.group.member-left.v1",
						"kim.group.group-returned-to-forming.v1", "kim.group.member-erased.v1");
			});
		}
	}

	@Test
	void aNumberIsFoundInEveryGroupTheCallerMaySee() throws Exception {
		String phone = GroupApi.newPhone();
		String first = this.api.registerGroup(OPERATOR, "KIM Cari Satu", "62.07").get("id").asString();
		String second = this.api.registerGroup(OPERATOR, "KIM Cari Dua", "62.08").get("id").asString();
		this.api.join(OPERATOR, first, phone, "KETUA");
		this.api.join(OPERATOR, second, phone, "ANGGOTA");
		this.mvc.perform(get("/api/members").param("phone", GroupApi.e164(phone)).with(OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.items[*].groupName")
				.value(org.hamcrest.Matchers.containsInAnyOrder("KIM Cari Satu", "KIM Cari Dua")));
		this.mvc.perform(get("/api/members").param("phone", phone).with(TestTokens.agency("62.07")))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].groupId").value(first))
			.andExpect(jsonPath("$.items[0].member.role").value("KETUA"));
		this.mvc.perform(get("/api/members").param("phone", "123").with(OPERATOR))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("phone"));
	}

	@Test
	void aPersonIsErasedFromEveryGroupByNumberOnlyByAnOperator() throws Exception {
		String phone = GroupApi.newPhone();
		String first = this.api.registerGroup(OPERATOR, "KIM Hapus Satu", "62.04").get("id").asString();
		String second = this.api.registerGroup(OPERATOR, "KIM Hapus Dua", "62.05").get("id").asString();
		String m1 = this.api.join(OPERATOR, first, phone, "ANGGOTA").get("id").asString();
		String m2 = this.api.join(OPERATOR, second, phone, "ANGGOTA").get("id").asString();
		String other = this.api.join(OPERATOR, first, GroupApi.newPhone(), "ANGGOTA").get("id").asString();
		String request = "{\"phone\":\"" + phone + "\"}";
		this.mvc
			.perform(post("/api/members/erasure").with(TestTokens.agency("62.04"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(request))
			.andExpect(status().isForbidden());
		this.mvc.perform(
				post("/api/members/erasure").with(OPERATOR).contentType(MediaType.APPLICATION_JSON).content(request))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.erased").value(2))
			.andExpect(jsonPath("$.memberships[*].memberId").value(org.hamcrest.Matchers.containsInAnyOrder(m1, m2)));
		this.mvc.perform(get("/api/groups/{g}/members/{m}", first, m1).with(OPERATOR)).andExpect(status().isNotFound());
		this.mvc.perform(get("/api/groups/{g}/members/{m}", second, m2).with(OPERATOR))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/groups/{g}/members/{m}", first, other).with(OPERATOR)).andExpect(status().isOk());
		this.mvc.perform(
				post("/api/members/erasure").with(OPERATOR).contentType(MediaType.APPLICATION_JSON).content(request))
			.andExpect(jsonPath("$.erased").value(0));
		this.mvc
			.perform(post("/api/members/erasure").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"phone\":\"bukan nomor\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("phone"));
	}

	private org.springframework.test.web.servlet.ResultActions join(String group, String phone, String role)
			throws Exception {
		return this.mvc.perform(post("/api/groups/{id}/members", group).with(OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content(GroupApi.memberBody("Rina", phone, role)));
	}

}
