package id.go.kalteng.kim.activity.invitation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import id.go.kalteng.kim.activity.ActivityServiceIntegrationTest;
import id.go.kalteng.kim.activity.group.KnownGroups;
import id.go.kalteng.kim.activity.planning.Activity;
import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.contracts.group.MemberJoinedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.support.test.TestEventPublisher;
import id.go.kalteng.kim.support.test.TopicReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * From a planned activity to one notification request per member of its ACTIVE groups on
 * the member's channel, in Bahasa Indonesia with WIB times; a reschedule and a
 * cancellation tell them once more each; reminders are claimed by one of two senders on
 * one database, once, across a restart and a crash between claim and done.
 */
class InvitationIntegrationTest extends ActivityServiceIntegrationTest {

	@Autowired
	KnownGroups groups;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	ReminderSchedule schedule;

	@Autowired
	MemberNotices notices;

	@Autowired
	NoticeProperties properties;

	@Test
	void membersOfActiveGroupsAreInvitedOnceThenToldOfARescheduleAndACancellation() throws Exception {
		String active = group("ACTIVE", "62.71");
		String forming = group("FORMING", "62.71");
		String wa = member(active, "+6281100000001", true, new ChannelConsent(true, true));
		String sms = member(active, "+6281100000002", false, new ChannelConsent(true, false));
		member(active, "+6281100000003", true, new ChannelConsent(false, false));
		member(forming, "+6281100000004", true, new ChannelConsent(true, true));
		try (TopicReader requests = new TopicReader(Topics.NOTIFICATION_REQUESTS)) {
			String past = plan("2025-03-10T09:00:00+07:00", active);
			String id = plan("2030-03-10T09:00:00+07:00", active, forming);
			List<JsonNode> invitations = await().atMost(TIMEOUT)
				.until(() -> requestsOf(requests, id), (r) -> r.size() >= 2);
			assertThat(invitations).extracting((r) -> r.get("memberId").asString()).containsExactlyInAnyOrder(wa, sms);
			assertThat(invitations).allSatisfy((r) -> {
				EventSchemas.assertValid(NotificationRequestedEvent.TYPE, this.json.writeValueAsString(r));
				assertThat(r.get("sourceType").asString()).isEqualTo("ACTIVITY");
				assertThat(r.get("priority").asString()).isEqualTo("NORMAL");
				assertThat(r.get("text").asString())
					.isEqualTo("Undangan KIM: Anjangsana KIM (Anjangsana) di Balai Menteng, "
							+ "Minggu, 10 Maret 2030 pukul 09.00 WIB. Kehadiran Anda kami nantikan.");
			});
			assertThat(invitations).filteredOn((r) -> r.get("memberId").asString().equals(wa))
				.extracting((r) -> r.get("channel").asString())
				.containsExactly("WHATSAPP");
			assertThat(invitations).filteredOn((r) -> r.get("memberId").asString().equals(sms))
				.extracting((r) -> r.get("channel").asString())
				.containsExactly("SMS");

			this.mvc
				.perform(patch("/api/activities/" + id).with(OPERATOR)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"place\":\"Aula Kecamatan\",\"startsAt\":\"2030-03-11T09:00:00+07:00\","
							+ "\"endsAt\":\"2030-03-11T12:00:00+07:00\"}"))
				.andExpect(status().isOk());
			List<JsonNode> afterReschedule = await().atMost(TIMEOUT)
				.until(() -> requestsOf(requests, id), (r) -> texts(r, "Perubahan jadwal KIM").size() >= 2);
			assertThat(texts(afterReschedule, "Perubahan jadwal KIM")).containsOnly(
					"Perubahan jadwal KIM: Anjangsana KIM (Anjangsana) kini di Aula Kecamatan, Senin, 11 Maret 2030 pukul 09.00 WIB.");

			this.mvc
				.perform(post("/api/activities/" + id + "/cancel").with(OPERATOR)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"reason\":\"Banjir\"}"))
				.andExpect(status().isOk());
			List<JsonNode> all = await().atMost(TIMEOUT)
				.until(() -> requestsOf(requests, id), (r) -> texts(r, "Pembatalan KIM").size() >= 2);
			assertThat(texts(all, "Pembatalan KIM")).allMatch((t) -> t.contains("dibatalkan. Alasan: Banjir"));
			// invitation ids are per member: the update that came with the reschedule
			// published the same invitation ids again, nothing new
			assertThat(all.stream().map((r) -> r.get("notificationId").asString()).distinct()).hasSize(6);
			assertThat(requestsOf(requests, past)).isEmpty();
		}
	}

	@Test
	void aDueReminderIsSentOnceByOneOfTwoInstancesAndNotAgainAfterARestart() throws Exception {
		String active = group("ACTIVE", "62.02");
		member(active, "+6281100000011", true, new ChannelConsent(true, true));
		member(active, "+6281100000012", false, new ChannelConsent(true, false));
		try (TopicReader requests = new TopicReader(Topics.NOTIFICATION_REQUESTS)) {
			String id = plan("2030-04-10T09:00:00+07:00", active);
			String dayBefore = Reminder.idOf(id, 0, NoticeKind.REMINDER_DAY_BEFORE);
			await().atMost(TIMEOUT).until(() -> this.schedule.find(dayBefore) != null);

			Clock atEight = fixed("2030-04-09T01:00:00Z");
			ReminderSender one = sender(atEight);
			ReminderSender two = sender(atEight);
			CompletableFuture<Integer> first = CompletableFuture.supplyAsync(one::sendDue);
			CompletableFuture<Integer> second = CompletableFuture.supplyAsync(two::sendDue);
			assertThat(reminded(first.join() + second.join(), id)).isEqualTo(1);
			List<String> sent = await().atMost(TIMEOUT)
				.until(() -> texts(requestsOf(requests, id), "Pengingat KIM: besok"), (t) -> t.size() >= 2);
			assertThat(sent).hasSize(2);
			// a restarted instance finds nothing due
			assertThat(sender(atEight).sendDue()).isZero();

			// two hours before: claimed, then the instance dies before it is done
			Clock twoHoursBefore = fixed("2030-04-10T00:00:00Z");
			Reminder twoHours = this.schedule.find(Reminder.idOf(id, 0, NoticeKind.REMINDER_TWO_HOURS));
			assertThat(this.schedule.claim(twoHours, twoHoursBefore.instant().plus(this.properties.reminderLease())))
				.isTrue();
			assertThat(sender(twoHoursBefore).sendDue()).isZero();
			Clock leaseOver = fixed("2030-04-10T00:06:00Z");
			assertThat(sender(leaseOver).sendDue()).isEqualTo(1);
			await().atMost(TIMEOUT)
				.until(() -> texts(requestsOf(requests, id), "Pengingat KIM: Anjangsana"), (t) -> t.size() >= 2);
			assertThat(texts(requestsOf(requests, id), "Pengingat KIM")).hasSize(4);
		}
	}

	@Test
	void aCancelledActivityIsNotReminded() throws Exception {
		String active = group("ACTIVE", "62.03");
		member(active, "+6281100000021", true, new ChannelConsent(true, true));
		try (TopicReader requests = new TopicReader(Topics.NOTIFICATION_REQUESTS)) {
			String id = plan("2030-05-10T09:00:00+07:00", active);
			await().atMost(TIMEOUT)
				.until(() -> this.schedule.find(Reminder.idOf(id, 0, NoticeKind.REMINDER_DAY_BEFORE)) != null);
			this.mvc
				.perform(post("/api/activities/" + id + "/cancel").with(OPERATOR)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"reason\":\"Banjir\"}"))
				.andExpect(status().isOk());
			await().atMost(TIMEOUT)
				.until(() -> texts(requestsOf(requests, id), "Pembatalan KIM"), (t) -> t.size() >= 1);
			assertThat(sender(fixed("2030-05-09T01:00:00Z")).sendDue()).isGreaterThanOrEqualTo(1);
			assertThat(this.schedule.find(Reminder.idOf(id, 0, NoticeKind.REMINDER_DAY_BEFORE)).state())
				.isEqualTo(Reminder.DONE);
			assertThat(texts(requestsOf(requests, id), "Pengingat")).isEmpty();
		}
	}

	/**
	 * A fan-out cut short (a send failed, the instance died) is redone whole when the
	 * event comes again: whatever part went out first, the redo publishes the same
	 * notification ids, so nothing is lost and notification-service keeps one of each.
	 */
	@Test
	void aRedoneInvitationPublishesTheSameNotificationIds() throws Exception {
		String active = group("ACTIVE", "62.04");
		member(active, "+6281100000031", true, new ChannelConsent(true, true));
		member(active, "+6281100000032", false, new ChannelConsent(true, false));
		try (TopicReader requests = new TopicReader(Topics.NOTIFICATION_REQUESTS)) {
			String id = plan("2030-07-10T09:00:00+07:00", active);
			List<JsonNode> first = await().atMost(TIMEOUT).until(() -> requestsOf(requests, id), (r) -> r.size() >= 2);
			Activity activity = this.mongo.findById(id, Activity.class);
			assertThat(this.notices.tell(activity, NoticeKind.INVITATION, 0)).isEqualTo(2);
			List<JsonNode> all = await().atMost(TIMEOUT).until(() -> requestsOf(requests, id), (r) -> r.size() >= 4);
			assertThat(all).hasSize(4);
			assertThat(all.stream().map((r) -> r.get("notificationId").asString()).distinct().toList())
				.containsExactlyInAnyOrderElementsOf(
						first.stream().map((r) -> r.get("notificationId").asString()).toList());
		}
	}

	/** Counts only what the two senders did for this activity's reminders. */
	private int reminded(int finished, String id) {
		assertThat(this.schedule.find(Reminder.idOf(id, 0, NoticeKind.REMINDER_DAY_BEFORE)).state())
			.isEqualTo(Reminder.DONE);
		return finished;
	}

	private ReminderSender sender(Clock clock) {
		return new ReminderSender(this.schedule, this.mongo, this.notices, this.properties, clock);
	}

	private static Clock fixed(String instant) {
		return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
	}

	private String plan(String startsAt, String... invited) throws Exception {
		String groupsJson = String.join(",", List.of(invited).stream().map((g) -> "\"" + g + "\"").toList());
		String endsAt = startsAt.replace("T09:", "T12:");
		String body = "{\"type\":\"ANJANGSANA\",\"title\":\"Anjangsana KIM\",\"organizer\":\"Diskominfo\","
				+ "\"kabupaten\":\"62\",\"place\":\"Balai Menteng\",\"startsAt\":\"" + startsAt + "\",\"endsAt\":\""
				+ endsAt + "\",\"invitedGroups\":[" + groupsJson + "]}";
		return plan(body);
	}

	private List<JsonNode> requestsOf(TopicReader reader, String activityId) {
		List<JsonNode> found = new ArrayList<>();
		for (var record : reader.poll()) {
			JsonNode value = this.json.readTree(TopicReader.value(record));
			if (activityId.equals(value.path("sourceId").asString(null))) {
				found.add(value);
			}
		}
		return found;
	}

	private static List<String> texts(List<JsonNode> requests, String prefix) {
		return requests.stream().map((r) -> r.get("text").asString()).filter((t) -> t.startsWith(prefix)).toList();
	}

	private String group(String status, String kabupaten) {
		String id = UUID.randomUUID().toString();
		publish(new GroupRegisteredEvent(id, "KIM Kahayan", kabupaten, "Jekan Raya", "Menteng", "PERKOTAAN", status,
				Instant.now()));
		await().atMost(TIMEOUT).until(() -> !this.groups.findAll(List.of(id)).isEmpty());
		return id;
	}

	private String member(String groupId, String phone, boolean whatsapp, ChannelConsent consent) {
		String id = UUID.randomUUID().toString();
		String kabupaten = this.groups.findAll(List.of(groupId)).get(0).kabupaten();
		publish(new MemberJoinedEvent(groupId, id, kabupaten, "PERKOTAAN", null, phone, "P", "25-34", "PETANI",
				"ANGGOTA", whatsapp, consent, "id", Instant.now()));
		await().atMost(TIMEOUT).until(() -> !this.groups.contacts(List.of(id)).isEmpty());
		return id;
	}

	private void publish(KimEvent event) {
		try (TestEventPublisher publisher = new TestEventPublisher(this.json)) {
			publisher.publish(event);
		}
	}

}
