package id.go.kalteng.kim.activity.calendar;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import id.go.kalteng.kim.activity.ActivityServiceIntegrationTest;
import id.go.kalteng.kim.activity.group.KnownGroups;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.support.test.TestEventPublisher;
import id.go.kalteng.kim.support.test.TestTokens;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A kabupaten's feed, opened without a token, parsed by ical4j: stable UIDs, SEQUENCE
 * bumped by a reschedule, STATUS:CANCELLED, times in Asia/Jakarta; a wrong secret or a
 * revoked feed is 404; who may create a feed.
 */
class CalendarFeedIntegrationTest extends ActivityServiceIntegrationTest {

	@Autowired
	KnownGroups groups;

	@Test
	void aKabupatensFeedListsItsActivitiesAsCalendarAppsReadThem() throws Exception {
		String group = group("62.10");
		String moved = plan("62.10", "2030-06-10T09:00:00+07:00", group);
		String called = plan("62.10", "2030-06-12T09:00:00+07:00", group);
		this.mvc
			.perform(patch("/api/activities/" + moved).with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"startsAt\":\"2030-06-11T13:30:00+07:00\",\"endsAt\":\"2030-06-11T16:00:00+07:00\"}"))
			.andExpect(status().isOk());
		this.mvc
			.perform(post("/api/activities/" + called + "/cancel").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"reason\":\"Banjir\"}"))
			.andExpect(status().isOk());
		JsonNode feed = createFeed(OPERATOR, "{\"kabupaten\":\"62.10\"}");
		String path = path(feed);

		String body = this.mvc.perform(get(path))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/calendar"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		Calendar calendar = new CalendarBuilder().build(new StringReader(body));
		List<VEvent> events = calendar.getComponents(Component.VEVENT);
		assertThat(events).hasSize(2);
		VEvent rescheduled = event(events, moved);
		assertThat(value(rescheduled, Property.SEQUENCE)).isEqualTo("1");
		assertThat(value(rescheduled, Property.STATUS)).isEqualTo("CONFIRMED");
		Property start = rescheduled.getProperty(Property.DTSTART).orElseThrow();
		assertThat(start.getValue()).isEqualTo("20300611T133000");
		assertThat(start.getParameter(Parameter.TZID).orElseThrow().getValue()).isEqualTo("Asia/Jakarta");
		assertThat(value(rescheduled, Property.LOCATION)).isEqualTo("Balai Desa, RT 03");
		VEvent cancelled = event(events, called);
		assertThat(value(cancelled, Property.STATUS)).isEqualTo("CANCELLED");
		assertThat(value(cancelled, Property.SEQUENCE)).isEqualTo("1");

		// the same UIDs on the next poll
		String again = this.mvc.perform(get(path)).andReturn().getResponse().getContentAsString();
		List<VEvent> polled = new CalendarBuilder().build(new StringReader(again)).getComponents(Component.VEVENT);
		assertThat(polled).extracting((e) -> value(e, Property.UID))
			.containsExactlyInAnyOrderElementsOf(events.stream().map((e) -> value(e, Property.UID)).toList());

		String wrong = path.replace(feed.get("id").asString() + "/", feed.get("id").asString() + "/x");
		this.mvc.perform(get(wrong))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(delete("/api/calendar-feeds/" + feed.get("id").asString()).with(OPERATOR))
			.andExpect(status().isNoContent());
		this.mvc.perform(get(path)).andExpect(status().isNotFound());
	}

	@Test
	void feedsAreCreatedWithinTheCallersScope() throws Exception {
		String group = group("62.11");
		this.mvc
			.perform(post("/api/calendar-feeds").with(TestTokens.agency("62.01"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"kabupaten\":\"62.11\"}"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/api/calendar-feeds").with(TestTokens.coordinator("other-group"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"groupId\":\"" + group + "\"}"))
			.andExpect(status().isForbidden());
		createFeed(TestTokens.coordinator(group), "{\"groupId\":\"" + group + "\"}");
		createFeed(TestTokens.agency("62.11"), "{\"kabupaten\":\"62.11\"}");
		for (String bad : new String[] { "{}", "{\"kabupaten\":\"62.11\",\"groupId\":\"" + group + "\"}",
				"{\"kabupaten\":\"Palangka\"}" }) {
			this.mvc
				.perform(
						post("/api/calendar-feeds").with(OPERATOR).contentType(MediaType.APPLICATION_JSON).content(bad))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").exists());
		}
	}

	private JsonNode createFeed(org.springframework.test.web.servlet.request.RequestPostProcessor token, String body)
			throws Exception {
		return this.json.readTree(this.mvc
			.perform(post("/api/calendar-feeds").with(token).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	private static String path(JsonNode feed) {
		String url = feed.get("url").asString();
		assertThat(url).startsWith("http://localhost:8080/calendars/" + feed.get("id").asString() + "/")
			.endsWith(".ics");
		return url.substring("http://localhost:8080".length());
	}

	private static VEvent event(List<VEvent> events, String activityId) {
		return events.stream()
			.filter((e) -> value(e, Property.UID).equals(activityId + "@kim.kalteng.go.id"))
			.findFirst()
			.orElseThrow();
	}

	private static String value(VEvent event, String property) {
		return event.getProperty(property).map(Property::getValue).orElse(null);
	}

	private String plan(String kabupaten, String startsAt, String group) throws Exception {
		String body = "{\"type\":\"SARASEHAN\",\"title\":\"Sarasehan; KIM, desa\",\"organizer\":\"Diskominfo\","
				+ "\"kabupaten\":\"" + kabupaten + "\",\"place\":\"Balai Desa, RT 03\",\"startsAt\":\"" + startsAt
				+ "\",\"endsAt\":\"" + startsAt.replace("T09:", "T12:") + "\",\"invitedGroups\":[\"" + group + "\"]}";
		return plan(body);
	}

	private String group(String kabupaten) {
		String id = UUID.randomUUID().toString();
		try (TestEventPublisher publisher = new TestEventPublisher(this.json)) {
			publisher.publish(new GroupRegisteredEvent(id, "KIM Kahayan", kabupaten, "Jekan Raya", "Menteng",
					"PERKOTAAN", "ACTIVE", Instant.now()));
		}
		await().atMost(TIMEOUT).until(() -> !this.groups.findAll(List.of(id)).isEmpty());
		return id;
	}

}
