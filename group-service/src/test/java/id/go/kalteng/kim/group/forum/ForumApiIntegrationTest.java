package id.go.kalteng.kim.group.forum;

import java.time.Duration;
import java.util.List;

import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.forum.ForumEstablishedEvent;
import id.go.kalteng.kim.contracts.forum.ForumUpdatedEvent;
import id.go.kalteng.kim.group.GroupApi;
import id.go.kalteng.kim.group.GroupServiceIntegrationTest;
import id.go.kalteng.kim.support.test.TestTokens;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
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
 * The Forum KIM over HTTP on the real broker and database: one forum per kabupaten, who
 * may see and change it, its rules, ETags, and the events it publishes. Each test uses
 * its own kabupaten since a forum's id is its kabupaten's.
 */
class ForumApiIntegrationTest extends GroupServiceIntegrationTest {

	@Test
	void aForumIsEstablishedOncePerKabupaten() throws Exception {
		String group = group("62.01");
		String member = member(group);
		String body = forum("62.01", List.of(group), coordinator(group, member, "KETUA"));

		this.mvc.perform(send(post("/api/forums"), OPERATOR, body))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/forums/forum-62.01"))
			.andExpect(header().string(HttpHeaders.ETAG, "\"1\""))
			.andExpect(jsonPath("$.id").value("forum-62.01"))
			.andExpect(jsonPath("$.memberGroups[0]").value(group))
			.andExpect(jsonPath("$.coordinators[0].position").value("KETUA"));
		this.mvc.perform(send(post("/api/forums"), OPERATOR, body))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type", containsString("forum-exists")));
	}

	@Test
	void anAgencyManagesItsOwnForumReadsTheProvincialOneAndDoesNotSeeOthers() throws Exception {
		RequestPostProcessor seruyan = TestTokens.agency("62.07");
		establish(OPERATOR, forum("62.02", List.of(), null));
		establish(OPERATOR, forum("62", List.of(), null));
		establish(seruyan, forum("62.07", List.of(), null));

		this.mvc.perform(get("/api/forums/forum-62.02").with(seruyan)).andExpect(status().isNotFound());
		this.mvc.perform(send(patch("/api/forums/forum-62.02"), seruyan, "{\"name\":\"x\"}"))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/forums/forum-62").with(seruyan)).andExpect(status().isOk());
		this.mvc.perform(send(patch("/api/forums/forum-62"), seruyan, "{\"name\":\"x\"}"))
			.andExpect(status().isForbidden());
		this.mvc.perform(send(patch("/api/forums/forum-62.07"), seruyan, "{\"name\":\"Forum KIM Seruyan\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Forum KIM Seruyan"));
		this.mvc.perform(send(post("/api/forums"), seruyan, forum("62.13", List.of(), null)))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/forums").with(seruyan))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[*].id", hasItem("forum-62")))
			.andExpect(jsonPath("$.items[*].id", hasItem("forum-62.07")))
			.andExpect(jsonPath("$.items[*].id", not(hasItem("forum-62.02"))))
			.andExpect(jsonPath("$.total").value(2));
	}

	@Test
	void aKabupatenForumRefusesGroupsOfOtherKabupatenAndUnknownGroups() throws Exception {
		String elsewhere = group("62.04");

		this.mvc.perform(send(post("/api/forums"), OPERATOR, forum("62.03", List.of(elsewhere), null)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("memberGroups"));
		this.mvc.perform(send(post("/api/forums"), OPERATOR, forum("62.03", List.of("no-such-group"), null)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("memberGroups"));
		establish(OPERATOR, forum("62.03", List.of(), null));
		this.mvc.perform(send(post("/api/forums/forum-62.03/groups"), OPERATOR, groupId(elsewhere)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("groupId"));
	}

	@Test
	void aCoordinatorMustBeAMemberOfAMemberGroup() throws Exception {
		String group = group("62.05");
		member(group);

		this.mvc
			.perform(send(post("/api/forums"), OPERATOR,
					forum("62.05", List.of(group), coordinator(group, "not-a-member", "KETUA"))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("coordinators[0].memberId"));
	}

	@Test
	void aChangeWithAStaleIfMatchIsRefused() throws Exception {
		String etag = establish(OPERATOR, forum("62.06", List.of(), null));

		String next = this.mvc
			.perform(send(patch("/api/forums/forum-62.06"), OPERATOR, "{\"name\":\"Forum KIM Katingan\"}")
				.header(HttpHeaders.IF_MATCH, etag))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getHeader(HttpHeaders.ETAG);
		assertThat(next).isEqualTo("\"2\"");
		this.mvc
			.perform(send(patch("/api/forums/forum-62.06"), OPERATOR, "{\"name\":\"lagi\"}")
				.header(HttpHeaders.IF_MATCH, etag))
			.andExpect(status().isPreconditionFailed());
	}

	@Test
	void groupsJoinAndLeaveTakingTheirCoordinatorsAlong() throws Exception {
		String group = group("62.08");
		String member = member(group);
		RequestPostProcessor coordinator = TestTokens.coordinator(group);
		establish(OPERATOR, forum("62.08", List.of(), null));
		this.mvc.perform(get("/api/forums/forum-62.08").with(coordinator)).andExpect(status().isNotFound());

		this.mvc.perform(send(post("/api/forums/forum-62.08/groups"), OPERATOR, groupId(group)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.memberGroups[0]").value(group));
		this.mvc
			.perform(send(patch("/api/forums/forum-62.08"), OPERATOR,
					"{\"coordinators\":[" + coordinator(group, member, "SEKRETARIS") + "]}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.coordinators[0].memberId").value(member));
		this.mvc.perform(get("/api/forums").with(coordinator)).andExpect(jsonPath("$.total").value(1));
		this.mvc.perform(send(patch("/api/forums/forum-62.08"), coordinator, "{\"name\":\"x\"}"))
			.andExpect(status().isForbidden());

		this.mvc.perform(delete("/api/forums/forum-62.08/groups/{groupId}", group).with(OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.memberGroups").isEmpty())
			.andExpect(jsonPath("$.coordinators").isEmpty());
		this.mvc.perform(delete("/api/forums/forum-62.08/groups/{groupId}", group).with(OPERATOR))
			.andExpect(status().isNotFound());
	}

	@Test
	void aMemberWhoLeavesStopsCoordinatingAndADissolvedGroupLeaves() throws Exception {
		String group = group("62.09");
		String member = member(group);
		establish(OPERATOR, forum("62.09", List.of(group), coordinator(group, member, "KETUA")));

		this.mvc.perform(delete("/api/groups/{id}/members/{memberId}", group, member).with(OPERATOR))
			.andExpect(status().isNoContent());
		// forums follow the register through its events
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> this.mvc.perform(get("/api/forums/forum-62.09").with(OPERATOR))
				.andExpect(jsonPath("$.memberGroups[0]").value(group))
				.andExpect(jsonPath("$.coordinators").isEmpty()));

		this.mvc.perform(send(post("/api/groups/{id}/dissolve", group), OPERATOR, "{\"reason\":\"bubar\"}"))
			.andExpect(status().isOk());
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> this.mvc.perform(get("/api/forums/forum-62.09").with(OPERATOR))
				.andExpect(jsonPath("$.memberGroups").isEmpty()));
		this.mvc.perform(send(post("/api/forums/forum-62.09/groups"), OPERATOR, groupId(group)))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type", containsString("group-dissolved")));
	}

	@Test
	void forumEventsReachTheGroupTopicAndMatchTheirSchemas() throws Exception {
		String group = group("62.10");
		String member = member(group);
		try (TopicReader reader = new TopicReader(Topics.GROUP_EVENTS)) {
			establish(OPERATOR, forum("62.10", List.of(group), coordinator(group, member, "KETUA")));
			this.mvc.perform(send(patch("/api/forums/forum-62.10"), OPERATOR, "{\"name\":\"Forum KIM Gunung Mas\"}"))
				.andExpect(status().isOk());

			await().atMost(Duration.ofSeconds(30)).until(() -> reader.forSubject("forum-62.10").size() >= 2);
			List<ConsumerRecord<String, byte[]>> records = reader.forSubject("forum-62.10");
			assertThat(records).extracting((r) -> TopicReader.header(r, "ce_type"))
				.containsExactly(ForumEstablishedEvent.TYPE, ForumUpdatedEvent.TYPE);
			assertThat(records).extracting(ConsumerRecord::key).containsOnly("forum-62.10");
			for (ConsumerRecord<String, byte[]> record : records) {
				EventSchemas.assertValid(TopicReader.header(record, "ce_type"), TopicReader.value(record));
			}
			JsonNode established = this.json.readTree(TopicReader.value(records.get(0)));
			assertThat(established.get("coordinators").get(0).get("memberId").asString()).isEqualTo(member);
			JsonNode updated = this.json.readTree(TopicReader.value(records.get(1)));
			assertThat(updated.get("name").asString()).isEqualTo("Forum KIM Gunung Mas");
			assertThat(updated.get("memberGroups").get(0).asString()).isEqualTo(group);
		}
	}

	@Test
	void anOversizedOrNegativePageOfForumsIsABadRequestNamingTheParameter() throws Exception {
		this.mvc.perform(get("/api/forums?size=1000").with(OPERATOR))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("size"))
			.andExpect(jsonPath("$.errors[0].message", containsString("100")));
		this.mvc.perform(get("/api/forums?page=-1").with(OPERATOR))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("page"));
	}

	private String establish(RequestPostProcessor token, String body) throws Exception {
		return this.mvc.perform(send(post("/api/forums"), token, body))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getHeader(HttpHeaders.ETAG);
	}

	private String group(String kabupaten) throws Exception {
		return this.api.registerGroup(OPERATOR, "KIM Uji " + kabupaten, kabupaten).get("id").asString();
	}

	private String member(String groupId) throws Exception {
		return this.api.join(OPERATOR, groupId, GroupApi.newPhone(), "ANGGOTA").get("id").asString();
	}

	private String idOf(ResultActions created) throws Exception {
		String body = created.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return this.json.readTree(body).get("id").asString();
	}

	private static MockHttpServletRequestBuilder send(MockHttpServletRequestBuilder request, RequestPostProcessor token,
			String body) {
		return request.with(token).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private static String forum(String kabupaten, List<String> groups, String coordinator) {
		String members = String.join(",", groups.stream().map((g) -> "\"" + g + "\"").toList());
		return "{\"kabupaten\":\"" + kabupaten + "\",\"name\":\"Forum KIM " + kabupaten + "\",\"memberGroups\":["
				+ members + "]" + ((coordinator != null) ? ",\"coordinators\":[" + coordinator + "]" : "") + "}";
	}

	private static String coordinator(String groupId, String memberId, String position) {
		return "{\"groupId\":\"" + groupId + "\",\"memberId\":\"" + memberId + "\",\"position\":\"" + position + "\"}";
	}

	private static String groupId(String groupId) {
		return "{\"groupId\":\"" + groupId + "\"}";
	}

}
