package id.go.kalteng.kim.activity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import id.go.kalteng.kim.activity.group.KnownGroups;
import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.activity.ActivityCompletedEvent;
import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.contracts.group.MemberJoinedEvent;
import id.go.kalteng.kim.support.test.TestEventPublisher;
import id.go.kalteng.kim.support.test.TestTokens;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A back-filled activity: attendance per member (a coordinator for its own group, JSON
 * and CSV), the report with follow-ups, the completed event's counts, and the coverage of
 * its kabupaten.
 */
class AttendanceReportCoverageIntegrationTest extends ActivityServiceIntegrationTest {

	@Autowired
	KnownGroups groups;

	@Test
	void membersAttendanceIsRecordedReportedAndCounted() throws Exception {
		String invited = group("62.12", "ACTIVE");
		String notInvited = group("62.12", "SUSPENDED");
		group("62.12", "DISSOLVED");
		String m1 = member(invited, "+6281200000001");
		String m2 = member(invited, "+6281200000002");
		String m3 = member(invited, "+6281200000003");
		String outsider = member(notInvited, "+6281200000004");
		// back-filling last year's programme: a start in the past is accepted
		String id = plan("2025-08-10T09:00:00+07:00", invited);

		this.mvc
			.perform(post("/api/activities/" + id + "/attendance/members").with(TestTokens.coordinator(invited))
				.contentType(MediaType.APPLICATION_JSON)
				.content("[{\"memberId\":\"" + m1 + "\",\"present\":true},{\"memberId\":\"" + m2
						+ "\",\"present\":false}]"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.memberAttendance.length()").value(2));
		this.mvc
			.perform(post("/api/activities/" + id + "/attendance/members").with(TestTokens.coordinator(invited))
				.contentType(MediaType.APPLICATION_JSON)
				.content("[{\"memberId\":\"" + outsider + "\",\"present\":true}]"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("[0].memberId"));
		// a coordinator of a group not invited does not see the activity
		this.mvc
			.perform(post("/api/activities/" + id + "/attendance/members").with(TestTokens.coordinator(notInvited))
				.contentType(MediaType.APPLICATION_JSON)
				.content("[{\"memberId\":\"" + m3 + "\",\"present\":true}]"))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/api/activities/" + id + "/attendance/members").with(OPERATOR)
				.contentType("text/csv")
				.content("memberId,present\n" + m3 + ",mungkin\n"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("line 2"));
		this.mvc.perform(get("/api/activities/" + id).with(OPERATOR))
			.andExpect(jsonPath("$.memberAttendance.length()").value(2));
		this.mvc
			.perform(post("/api/activities/" + id + "/attendance/members").with(OPERATOR)
				.contentType("text/csv")
				.content("memberId,present\r\n" + m3 + ",hadir\r\n"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.memberAttendance.length()").value(3));

		try (TopicReader events = new TopicReader(Topics.ACTIVITY_EVENTS)) {
			this.mvc.perform(post("/api/activities/" + id + "/complete").with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"outcome\":\"Warga paham jadwal posyandu\",\"attendees\":5,"
						+ "\"summary\":\"Dialog dengan puskesmas\",\"participants\":\"Kepala Puskesmas\","
						+ "\"followUps\":[{\"action\":\"Kirim jadwal\",\"owner\":\"Ketua KIM\",\"dueDate\":\"2025-08-20\"}]}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("COMPLETED"))
				.andExpect(jsonPath("$.report.followUps[0].owner").value("Ketua KIM"));
			List<ConsumerRecord<String, byte[]>> completed = await().atMost(TIMEOUT)
				.until(() -> events.forSubject(id)
					.stream()
					.filter((r) -> ActivityCompletedEvent.TYPE.equals(TopicReader.header(r, "ce_type")))
					.toList(), (r) -> !r.isEmpty());
			String payload = TopicReader.value(completed.get(0));
			EventSchemas.assertValid(ActivityCompletedEvent.TYPE, payload);
			JsonNode event = this.json.readTree(payload);
			assertThat(event.get("invited").asInt()).isEqualTo(3);
			assertThat(event.get("present").asInt()).isEqualTo(2);
			assertThat(event.get("absent").asInt()).isEqualTo(1);
			assertThat(event.get("followUps").asInt()).isEqualTo(1);
			assertThat(event.get("attendees").asInt()).isEqualTo(5);
		}

		this.mvc.perform(get("/api/activities/coverage?kabupaten=62.12&from=2025-01-01&to=2025-12-31").with(OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.reached.length()").value(1))
			.andExpect(jsonPath("$.reached[0].groupId").value(invited))
			.andExpect(jsonPath("$.notReached.length()").value(1))
			.andExpect(jsonPath("$.notReached[0].groupId").value(notInvited));
		this.mvc
			.perform(get("/api/activities/coverage?kabupaten=62.12&from=2025-01-01&to=2025-12-31&type=DIKLAT")
				.with(TestTokens.agency("62.12")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.reached.length()").value(0))
			.andExpect(jsonPath("$.notReached.length()").value(2));
		this.mvc.perform(get("/api/activities/coverage?kabupaten=62.12").with(TestTokens.agency("62.01")))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/activities/coverage?kabupaten=62.12").with(TestTokens.coordinator(invited)))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/activities/coverage?kabupaten=62.12&from=2025-12-31&to=2025-01-01").with(OPERATOR))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("to"));
	}

	private String plan(String startsAt, String group) throws Exception {
		String body = "{\"type\":\"TEMU_WICARA\",\"title\":\"Temu wicara posyandu\",\"organizer\":\"Diskominfo\","
				+ "\"kabupaten\":\"62.12\",\"place\":\"Balai Desa\",\"startsAt\":\"" + startsAt + "\",\"endsAt\":\""
				+ startsAt.replace("T09:", "T12:") + "\",\"invitedGroups\":[\"" + group + "\"]}";
		return plan(body);
	}

	private String group(String kabupaten, String status) {
		String id = UUID.randomUUID().toString();
		publish(new GroupRegisteredEvent(id, "KIM Kahayan", kabupaten, "Jekan Raya", "Menteng", "PERKOTAAN", status,
				Instant.now()));
		await().atMost(TIMEOUT).until(() -> !this.groups.findAll(List.of(id)).isEmpty());
		return id;
	}

	private String member(String groupId, String phone) {
		String id = UUID.randomUUID().toString();
		publish(new MemberJoinedEvent(groupId, id, "62.12", "PERKOTAAN", null, phone, "L", "25-34", "PETANI", "ANGGOTA",
				true, new ChannelConsent(true, true), "id", Instant.now()));
		await().atMost(TIMEOUT)
			.until(() -> this.groups.findAll(List.of(groupId)).get(0).members() != null
					&& this.groups.findAll(List.of(groupId)).get(0).members().contains(id));
		return id;
	}

	private void publish(KimEvent event) {
		try (TestEventPublisher publisher = new TestEventPublisher(this.json)) {
			publisher.publish(event);
		}
	}

}
