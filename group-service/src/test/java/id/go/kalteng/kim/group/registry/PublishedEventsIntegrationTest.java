package id.go.kalteng.kim.group.registry;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.group.GroupEvent;
import id.go.kalteng.kim.contracts.group.MemberConsentChangedEvent;
import id.go.kalteng.kim.group.GroupApi;
import id.go.kalteng.kim.group.GroupServiceIntegrationTest;
import id.go.kalteng.kim.support.test.TopicReader;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every kind of change the register makes to a group goes out as an event that matches
 * its published schema, keyed and typed as the contract says.
 */
class PublishedEventsIntegrationTest extends GroupServiceIntegrationTest {

	@Test
	void everyGroupEventTypeIsPublishedAndMatchesItsSchema() throws Exception {
		String group = this.api.registerGroup(OPERATOR, "KIM Kontrak", "62.06").get("id").asString();
		String[] members = new String[3];
		for (int i = 0; i < 3; i++) {
			members[i] = this.api.join(OPERATOR, group, GroupApi.newPhone(), "ANGGOTA").get("id").asString();
		}
		ok(patch("/api/groups/{id}", group), "{\"focus\":\"Karhutla\"}");
		ok(patch("/api/groups/{g}/members/{m}", group, members[0]), "{\"role\":\"KETUA\"}");
		String partnership = api
			.read(ok(post("/api/groups/{id}/partnerships", group),
					"{\"agency\":\"BPBD Katingan\",\"scope\":\"Siaga bencana\",\"since\":\"2026-03-01\"}"))
			.get("id")
			.asString();
		ok(post("/api/groups/{id}/partnerships/{p}/end", group, partnership), "{\"until\":\"2026-09-30\"}");
		ok(delete("/api/groups/{g}/members/{m}", group, members[1]), null);
		ok(post("/api/groups/{id}/suspend", group), "{\"reason\":\"audit\"}");
		ok(post("/api/groups/{id}/reinstate", group), null);
		ok(post("/api/groups/{g}/members/{m}/erase", group, members[2]), null);
		ok(post("/api/groups/{id}/dissolve", group), "{\"reason\":\"bubar\"}");
		// consent changes come from opt-out events; ConsentIntegrationTest publishes
		// those
		Set<String> expected = Stream.of(GroupEvent.class.getPermittedSubclasses())
			.flatMap((type) -> type.isInterface() ? Stream.of(type.getPermittedSubclasses()) : Stream.of(type))
			.filter((type) -> type != MemberConsentChangedEvent.class)
			.map(EventSchemas::typeOf)
			.collect(Collectors.toSet());
		try (TopicReader events = new TopicReader(Topics.GROUP_EVENTS)) {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				var records = events.forSubject(group);
				records.forEach((r) -> {
					assertThat(r.key()).isEqualTo(group);
					assertThat(TopicReader.header(r, "ce_kabupaten")).isEqualTo("62.06");
					EventSchemas.assertValid(TopicReader.header(r, "ce_type"), TopicReader.value(r));
				});
				assertThat(records.stream().map((r) -> TopicReader.header(r, "ce_type")).collect(Collectors.toSet()))
					.containsAll(expected);
			});
		}
	}

	private String ok(MockHttpServletRequestBuilder request, String body) throws Exception {
		request.with(OPERATOR);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(body);
		}
		return this.mvc.perform(request)
			.andExpect(status().is2xxSuccessful())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
