package id.go.kalteng.kim.dissemination;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.dissemination.BroadcastApprovedEvent;
import id.go.kalteng.kim.support.test.KimInfrastructure;
import id.go.kalteng.kim.support.test.KimInfrastructureConfiguration;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A scheduled broadcast starts on time and exactly once with two instances of the service
 * running on the same broker and database (this test's context and a second application
 * context started beside it), and after a time when no instance ran: the instance started
 * next (a restart) finds it at start-up and starts it.
 */
class ScheduledBroadcastIntegrationTest extends DisseminationServiceIntegrationTest {

	@Test
	void aScheduledBroadcastStartsOnTimeOnceWithTwoInstancesAndAfterARestart() throws Exception {
		String groupId = StoredRecipients.activeGroup(this.mongo, this.pseudonyms, "62.04", 3, "PETANI");
		try (TopicReader broadcastEvents = new TopicReader(Topics.DISSEMINATION_EVENTS);
				TopicReader requests = new TopicReader(Topics.NOTIFICATION_URGENT_REQUESTS)) {
			Instant at;
			String first;
			try (ConfigurableApplicationContext second = secondInstance()) {
				at = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
				first = scheduled(groupId, at);
				assertThat(broadcastStatus(first)).isEqualTo("SCHEDULED");
				await().atMost(TIMEOUT).until(() -> approvals(broadcastEvents, first).size() == 1);
				BroadcastApprovedEvent approved = this.json.readValue(
						TopicReader.value(approvals(broadcastEvents, first).get(0)), BroadcastApprovedEvent.class);
				assertThat(approved.approvedAt()).as("started at its time, within 5 s")
					.isBetween(at, at.plusSeconds(5));
				await().atMost(TIMEOUT).until(() -> requestsFor(requests, first).size() == 3);
				// both instances keep ticking: nobody starts it again
				await().during(Duration.ofSeconds(3))
					.atMost(Duration.ofSeconds(10))
					.until(() -> approvals(broadcastEvents, first).size() == 1
							&& requestsFor(requests, first).size() == 3);
				assertThat(broadcastStatus(first)).isEqualTo("SENDING");
			}

			// a broadcast whose time comes while no instance runs (its timer entry gone
			// with them)
			Instant later = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
			String second = scheduled(groupId, later);
			this.mongo.getCollection("broadcast_timers")
				.updateOne(Filters.eq("_id", "timers"), Updates.unset("timers." + second));
			await().atMost(TIMEOUT).until(() -> Instant.now().isAfter(later.plusSeconds(2)));
			assertThat(broadcastStatus(second)).as("no instance knew of it").isEqualTo("SCHEDULED");
			try (ConfigurableApplicationContext restarted = secondInstance()) {
				await().atMost(TIMEOUT).until(() -> approvals(broadcastEvents, second).size() == 1);
				await().atMost(TIMEOUT).until(() -> requestsFor(requests, second).size() == 3);
				await().during(Duration.ofSeconds(3))
					.atMost(Duration.ofSeconds(10))
					.until(() -> approvals(broadcastEvents, second).size() == 1);
			}
		}
	}

	/** Another instance of the service on this test's broker and database. */
	private ConfigurableApplicationContext secondInstance() {
		// as command-line arguments: they win over the platform defaults (properties()
		// would lose to them)
		return new SpringApplicationBuilder(DisseminationServiceApplication.class).run(
				"--spring.kafka.bootstrap-servers=" + KimInfrastructure.get().kafkaBootstrapServers(),
				"--spring.mongodb.uri=" + KimInfrastructure.get().mongoUri(),
				"--spring.mongodb.database=" + this.mongo.getDb().getName(),
				"--kim.phone-hash-key=" + KimInfrastructureConfiguration.TEST_PHONE_HASH_KEY, "--server.port=0");
	}

	private String scheduled(String groupId, Instant at) throws Exception {
		String body = "{\"title\":\"Jadwal\",\"message\":\"Posyandu besok pukul 09.00\",\"channels\":[\"SMS\"],"
				+ "\"priority\":\"URGENT\",\"target\":{\"groups\":[\"" + groupId + "\"]},\"scheduledAt\":\""
				+ OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(7)) + "\"}";
		String id = this.json
			.readTree(this.mvc
				.perform(post("/api/broadcasts").with(OPERATOR_1).contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isCreated())
				.andReturn()
				.getResponse()
				.getContentAsString())
			.get("id")
			.asString();
		this.mvc.perform(post("/api/broadcasts/{id}/submit", id).with(OPERATOR_1)).andExpect(status().isOk());
		this.mvc.perform(post("/api/broadcasts/{id}/approve", id).with(OPERATOR_2)).andExpect(status().isOk());
		return id;
	}

	private String broadcastStatus(String id) throws Exception {
		return this.json
			.readTree(this.mvc.perform(get("/api/broadcasts/{id}", id).with(OPERATOR_1))
				.andReturn()
				.getResponse()
				.getContentAsString())
			.get("status")
			.asString();
	}

	private static List<ConsumerRecord<String, byte[]>> approvals(TopicReader reader, String id) {
		return reader.forSubject(id)
			.stream()
			.filter((r) -> BroadcastApprovedEvent.TYPE.equals(TopicReader.header(r, "ce_type")))
			.toList();
	}

	/** The distinct notifications requested (a redone request has the same id). */
	private List<String> requestsFor(TopicReader reader, String broadcastId) {
		return reader.poll()
			.stream()
			.filter((r) -> TopicReader.value(r).contains("\"sourceId\":\"" + broadcastId + "\""))
			.map((r) -> this.json.readTree(TopicReader.value(r)).get("notificationId").asString())
			.distinct()
			.toList();
	}

}
