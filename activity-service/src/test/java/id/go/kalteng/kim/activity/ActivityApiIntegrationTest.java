package id.go.kalteng.kim.activity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import id.go.kalteng.kim.activity.group.KnownGroups;
import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.activity.ActivityPlannedEvent;
import id.go.kalteng.kim.contracts.group.GroupDissolvedEvent;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.support.test.TestEventPublisher;
import id.go.kalteng.kim.support.test.TestTokens;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The HTTP face on the real broker and database: planning for projected groups, the
 * published event, validation, ETags, lifecycle and who may see what.
 */
class ActivityApiIntegrationTest extends ActivityServiceIntegrationTest {

	@Autowired
	KnownGroups groups;

	static String body(String kabupaten, String startsAt, String endsAt, String... groups) {
		String invited = String.join(",", List.of(groups).stream().map((g) -> "\"" + g + "\"").toList());
		return "{\"type\":\"ANJANGSANA\",\"title\":\"Anjangsana KIM\",\"organizer\":\"Diskominfo\","
				+ ((kabupaten != null) ? "\"kabupaten\":\"" + kabupaten + "\"," : "")
				+ "\"place\":\"Balai Kelurahan Menteng\",\"startsAt\":\"" + startsAt + "\",\"endsAt\":\"" + endsAt
				+ "\",\"invitedGroups\":[" + invited + "],\"capacity\":40}";
	}

	static String future(String kabupaten, String... groups) {
		return body(kabupaten, "2026-12-03T09:00:00+07:00", "2026-12-03T12:00:00+07:00", groups);
	}

	JsonNode create(RequestPostProcessor token, String body) throws Exception {
		return this.json.readTree(this.mvc
			.perform(post("/api/activities").with(token).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated())
			.andExpect(header().exists(HttpHeaders.LOCATION))
			.andExpect(header().exists(HttpHeaders.ETAG))
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	@Test
	void anActivityIsPlannedForAProjectedGroupAndItsEventIsPublished() throws Exception {
		String group = registerGroup("62.71");
		String request = body("62.71", "2026-12-03T02:00:00Z", "2026-12-03T05:00:00Z", group);
		try (TopicReader events = new TopicReader(Topics.ACTIVITY_EVENTS)) {
			String id = this.json.readTree(this.mvc
				.perform(post("/api/activities").with(OPERATOR)
					.header("Idempotency-Key", "plan-1")
					.contentType(MediaType.APPLICATION_JSON)
					.content(request))
				.andExpect(status().isCreated())
				.andExpect(header().string(HttpHeaders.ETAG, "\"1\""))
				.andExpect(jsonPath("$.category").value("DISEMINASI_INFORMASI"))
				.andExpect(jsonPath("$.status").value("PLANNED"))
				.andExpect(jsonPath("$.startsAt").value("2026-12-03T09:00:00+07:00"))
				.andReturn()
				.getResponse()
				.getContentAsString()).get("id").asString();
			this.mvc
				.perform(post("/api/activities").with(OPERATOR)
					.header("Idempotency-Key", "plan-1")
					.contentType(MediaType.APPLICATION_JSON)
					.content(request))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.id").value(id));

			await().atMost(TIMEOUT).until(() -> !events.forSubject(id).isEmpty());
			List<ConsumerRecord<String, byte[]>> published = events.forSubject(id);
			assertThat(published).hasSize(1);
			assertThat(TopicReader.header(published.get(0), "ce_type")).isEqualTo(ActivityPlannedEvent.TYPE);
			assertThat(TopicReader.header(published.get(0), "ce_kabupaten")).isEqualTo("62.71");
			EventSchemas.assertValid(ActivityPlannedEvent.TYPE, TopicReader.value(published.get(0)));

			this.mvc.perform(get("/api/activities/{id}", id).with(TestTokens.coordinator(group)))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.invitedGroups[0]").value(group));
			this.mvc.perform(get("/api/activities/{id}", id).with(TestTokens.coordinator("other")))
				.andExpect(status().isNotFound());
			this.mvc
				.perform(post("/api/activities/{id}/cancel", id).with(TestTokens.coordinator(group))
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"reason\":\"x\"}"))
				.andExpect(status().isForbidden());
		}
	}

	@Test
	void anInvalidActivityIsRejectedWithTheBadFields() throws Exception {
		this.mvc
			.perform(post("/api/activities").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"\",\"organizer\":\"Diskominfo\",\"place\":\"Aula\",\"kabupaten\":\"62.71\","
						+ "\"startsAt\":\"2026-12-03T09:00:00+07:00\",\"endsAt\":\"2026-12-03T12:00:00+07:00\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field", hasItem("title")))
			.andExpect(jsonPath("$.errors[*].field", hasItem("type")));
		this.mvc
			.perform(post("/api/activities").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body("62.71", "2026-12-03T09:00:00+07:00", "2026-12-03T08:00:00+07:00")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("endsAt"));
		this.mvc
			.perform(post("/api/activities").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content(future("62.71", "no-such-group")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("invitedGroups[0]"));
		this.mvc.perform(
				post("/api/activities").with(OPERATOR).contentType(MediaType.APPLICATION_JSON).content(future("63.01")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("kabupaten"));
	}

	@Test
	void aGroupOfAnotherKabupatenOrADissolvedGroupCannotBeInvited() throws Exception {
		String group = registerGroup("62.02");
		this.mvc
			.perform(post("/api/activities").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content(future("62.71", group)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("invitedGroups[0]"));
		create(OPERATOR, future("62", group));
		publish(new GroupDissolvedEvent(group, "62.02", "bubar", Instant.now()));
		await().atMost(TIMEOUT).until(() -> "DISSOLVED".equals(this.groups.findAll(List.of(group)).get(0).status()));
		this.mvc
			.perform(post("/api/activities").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content(future("62.02", group)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message").value("is dissolved"));
	}

	@Test
	void anEditWithAStaleIfMatchFails() throws Exception {
		String id = create(OPERATOR, future("62.71")).get("id").asString();
		String etag = this.mvc.perform(get("/api/activities/{id}", id).with(OPERATOR))
			.andReturn()
			.getResponse()
			.getHeader(HttpHeaders.ETAG);
		this.mvc
			.perform(patch("/api/activities/{id}", id).with(OPERATOR)
				.header(HttpHeaders.IF_MATCH, etag)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"place\":\"Aula Diskominfo\",\"type\":\"DIKLAT\"}"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ETAG, "\"2\""))
			.andExpect(jsonPath("$.place").value("Aula Diskominfo"))
			.andExpect(jsonPath("$.category").value("PENDIDIKAN_LATIHAN"));
		this.mvc
			.perform(patch("/api/activities/{id}", id).with(OPERATOR)
				.header(HttpHeaders.IF_MATCH, etag)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"lagi\"}"))
			.andExpect(status().isPreconditionFailed());
	}

	@Test
	void anActivityIsCompletedWithItsAttendanceOrCancelledForGood() throws Exception {
		String group = registerGroup("62.05");
		String past = body("62.05", "2025-03-10T09:00:00+07:00", "2025-03-10T12:00:00+07:00", group);
		String id = create(OPERATOR, past).get("id").asString();
		this.mvc
			.perform(post("/api/activities/{id}/attendance", id).with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("[{\"groupId\":\"" + group + "\",\"attendees\":-1}]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors").isNotEmpty());
		this.mvc
			.perform(post("/api/activities/{id}/attendance", id).with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("[{\"groupId\":\"" + group + "\",\"attendees\":12}]"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.attendance[0].attendees").value(12));
		this.mvc
			.perform(post("/api/activities/{id}/complete", id).with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"outcome\":\"Warga memahami cara melapor titik api\",\"attendees\":30}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("COMPLETED"))
			.andExpect(jsonPath("$.attendees").value(30));
		this.mvc.perform(get("/api/activities/stats?year=2025&kabupaten=62.05").with(OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.byType.ANJANGSANA").value(1))
			.andExpect(jsonPath("$.byMonth.3").value(1))
			.andExpect(jsonPath("$.attendees").value(30));

		String other = create(OPERATOR, past).get("id").asString();
		this.mvc
			.perform(post("/api/activities/{id}/cancel", other).with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\"Banjir\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("CANCELLED"));
		this.mvc
			.perform(post("/api/activities/{id}/complete", other).with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"outcome\":\"x\",\"attendees\":1}"))
			.andExpect(status().isConflict());
		this.mvc
			.perform(get("/api/activities?kabupaten=62.05&status=CANCELLED&from=2025-03-10&to=2025-03-10")
				.with(OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.items[0].id").value(other));
	}

	@Test
	void anAgencySeesAndPlansOnlyActivitiesOfItsOwnKabupaten() throws Exception {
		RequestPostProcessor palangkaraya = TestTokens.agency("62.71");
		JsonNode own = create(palangkaraya, future(null));
		assertThat(own.get("kabupaten").asString()).isEqualTo("62.71");
		String other = create(OPERATOR, future("62.01")).get("id").asString();
		this.mvc.perform(get("/api/activities/{id}", other).with(palangkaraya)).andExpect(status().isNotFound());
		this.mvc
			.perform(post("/api/activities").with(palangkaraya)
				.contentType(MediaType.APPLICATION_JSON)
				.content(future("62.01")))
			.andExpect(status().isForbidden());
		String list = this.mvc.perform(get("/api/activities").with(palangkaraya))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page").value(0))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(list).contains(own.get("id").asString()).doesNotContain(other);
		this.mvc
			.perform(post("/api/activities").with(TestTokens.coordinator("g-1"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(future("62.71")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/activities")).andExpect(status().isUnauthorized());
	}

	@Test
	void anAgencyFilteringByKabupatenSeesItsOwnAndNothingOfAnother() throws Exception {
		RequestPostProcessor palangkaraya = TestTokens.agency("62.71");
		String own = create(palangkaraya, future(null)).get("id").asString();
		String other = create(OPERATOR, future("62.01")).get("id").asString();
		String ownList = this.mvc.perform(get("/api/activities?kabupaten=62.71").with(palangkaraya))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(ownList).contains(own).doesNotContain(other);
		this.mvc.perform(get("/api/activities?kabupaten=62.01").with(palangkaraya))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items").isEmpty())
			.andExpect(jsonPath("$.total").value(0));
		this.mvc.perform(get("/api/activities/stats?kabupaten=62.71").with(palangkaraya))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.kabupaten").value("62.71"));
		this.mvc.perform(get("/api/activities/stats?kabupaten=62.01").with(palangkaraya))
			.andExpect(status().isNotFound());
	}

	/**
	 * Registers a group the way group-service announces it and waits for the projection.
	 */
	String registerGroup(String kabupaten) throws Exception {
		String id = UUID.randomUUID().toString();
		publish(new GroupRegisteredEvent(id, "KIM Kahayan", kabupaten, "Jekan Raya", "Menteng", "PERKOTAAN", "FORMING",
				Instant.now()));
		await().atMost(TIMEOUT).until(() -> !this.groups.findAll(List.of(id)).isEmpty());
		return id;
	}

	/** Publishes a group event as group-service does. */
	void publish(KimEvent event) {
		try (TestEventPublisher publisher = new TestEventPublisher(this.json)) {
			publisher.publish(event);
		}
	}

	@Test
	void aFilterByAKabupatenThatDoesNotExistIsABadRequestNamingIt() throws Exception {
		for (String path : new String[] { "/api/activities?kabupaten=Palangka",
				"/api/activities/stats?kabupaten=62" }) {
			this.mvc.perform(get(path).with(OPERATOR))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value("kabupaten"));
		}
	}

}
