package id.go.kalteng.kim.stream.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.stream.DomainEvents;
import id.go.kalteng.kim.stream.SseClient;
import id.go.kalteng.kim.stream.StreamIntegrationTest;
import id.go.kalteng.kim.stream.StreamTokens;
import id.go.kalteng.kim.stream.publiclog.PublicLogRepublisher;
import id.go.kalteng.kim.stream.publiclog.PublicTopics;
import id.go.kalteng.kim.support.test.KimInfrastructure;
import id.go.kalteng.kim.support.test.TestTokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static id.go.kalteng.kim.stream.DomainEvents.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class EventStreamIntegrationTest extends StreamIntegrationTest {

	private static final String GROUP_REGISTERED = "kim.group.group-registered.v1";

	private static final String MEMBER_JOINED = "kim.group.member-joined.v1";

	@Autowired
	EventStreams streams;

	@Autowired
	PublicLogRepublisher republisher;

	@Test
	void anAgencyStreamsOnlyItsKabupatenAndNoPhoneNumber() {
		String other = publish(MEMBER_JOINED, "62.07");
		String own = publish(MEMBER_JOINED, "62.06");
		DomainEvents.publicLogHolding("62.07", List.of(other));
		try (SseClient client = new SseClient(streamUri("from=oldest"), StreamTokens.agency("62.06"), null)) {
			assertThat(client.status()).isEqualTo(200);
			assertThat(client.contentType()).startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);
			List<JsonNode> seen = readUntil(client, own);
			assertThat(seen).allSatisfy((event) -> {
				assertThat(event.path("kabupaten").asString()).isIn("62.06", "62");
				assertThat(event.path("id").asString()).isNotEqualTo(other);
				assertThat(event.toString()).doesNotContain("+62").doesNotContain("\"phone\"");
			});
			JsonNode joined = seen.get(seen.size() - 1);
			assertThat(joined.path("type").asString()).isEqualTo(MEMBER_JOINED);
			assertThat(joined.path("specversion").asString()).isEqualTo("1.0");
			assertThat(joined.path("data").path("memberId").asString()).isNotBlank();
		}
	}

	@Test
	void anOperatorMayStreamChosenKabupatenAndTheIdNamesEachPosition() {
		String first = publish(GROUP_REGISTERED, "62.06");
		String second = publish(GROUP_REGISTERED, "62.07");
		try (SseClient client = new SseClient(streamUri("from=oldest&kabupaten=62.06,62.07"), StreamTokens.operator(),
				null)) {
			Set<String> ids = new HashSet<>();
			SseClient.Event event = null;
			while (!ids.containsAll(List.of(first, second))) {
				event = client.next();
				ids.add(this.json.readTree(event.data()).path("id").asString());
			}
			assertThat(StreamPosition.parse(event.id()).orElseThrow().next()).containsOnlyKeys("62.06", "62.07");
		}
	}

	@Test
	void onlyTheAskedTypesAreStreamed() {
		publish(MEMBER_JOINED, "62.05");
		String registered = publish(GROUP_REGISTERED, "62.05");
		try (SseClient client = new SseClient(streamUri("from=oldest&types=" + GROUP_REGISTERED),
				StreamTokens.agency("62.05"), null)) {
			assertThat(readUntil(client, registered))
				.allSatisfy((event) -> assertThat(event.path("type").asString()).isEqualTo(GROUP_REGISTERED));
		}
	}

	/**
	 * Many reconnects, each dropping the connection after a random number of events while
	 * events keep coming: what the client got, in order, is exactly what the topic holds.
	 */
	@Test
	void resumingAfterDropsAtRandomPointsNeitherSkipsNorRepeats() throws Exception {
		List<String> published = new CopyOnWriteArrayList<>();
		ExecutorService background = Executors.newSingleThreadExecutor();
		Future<?> publishing = background.submit(() -> {
			for (int i = 0; i < 80; i++) {
				published.add(publish(GROUP_REGISTERED, "62.09"));
			}
		});
		Random random = new Random(11);
		List<String> received = new ArrayList<>();
		String lastEventId = null;
		int connections = 0;
		try {
			while (!(publishing.isDone() && received.containsAll(published))) {
				String query = (lastEventId == null) ? "from=oldest" : null;
				try (SseClient client = new SseClient(streamUri(query), StreamTokens.agency("62.09"), lastEventId)) {
					connections++;
					int take = 1 + random.nextInt(9);
					for (int i = 0; i < take && !(publishing.isDone() && received.containsAll(published)); i++) {
						SseClient.Event event = client.next();
						assertThat(event.name()).isEqualTo("message");
						received.add(this.json.readTree(event.data()).path("id").asString());
						lastEventId = event.id();
					}
				}
			}
		}
		finally {
			background.shutdownNow();
		}
		List<String> topic = DomainEvents.publicLogHolding("62.09", published)
			.stream()
			.map((record) -> header(record, "ce_id"))
			.toList();
		assertThat(connections).isGreaterThan(10);
		assertThat(received).doesNotHaveDuplicates();
		assertThat(topic.subList(0, received.size())).isEqualTo(received);
	}

	@Test
	void aStreamServiceRestartMidStreamLosesAndRepeatsNothing() throws Exception {
		List<String> published = new CopyOnWriteArrayList<>();
		ExecutorService background = Executors.newSingleThreadExecutor();
		Future<?> publishing = background.submit(() -> {
			for (int i = 0; i < 40; i++) {
				published.add(publish(GROUP_REGISTERED, "62.10"));
			}
		});
		List<String> received = new ArrayList<>();
		String lastEventId = null;
		boolean restarted = false;
		try {
			while (!(publishing.isDone() && received.containsAll(published))) {
				String query = (lastEventId == null) ? "from=oldest" : null;
				try (SseClient client = new SseClient(streamUri(query), StreamTokens.agency("62.10"), lastEventId)) {
					SseClient.Event event;
					while (!(publishing.isDone() && received.containsAll(published))
							&& (event = client.next()) != null) {
						received.add(this.json.readTree(event.data()).path("id").asString());
						lastEventId = event.id();
						if (!restarted && received.size() == 10) {
							// the service goes down under the open stream and comes back
							this.streams.stop();
							this.republisher.stop();
							this.republisher.start();
							this.streams.start();
							restarted = true;
						}
					}
				}
			}
		}
		finally {
			background.shutdownNow();
		}
		List<String> topic = DomainEvents.publicLogHolding("62.10", published)
			.stream()
			.map((record) -> header(record, "ce_id"))
			.toList();
		assertThat(restarted).isTrue();
		assertThat(received).doesNotHaveDuplicates();
		assertThat(topic.subList(0, received.size())).isEqualTo(received);
	}

	@Test
	void aPositionTheTopicNoLongerKeepsGetsAResetAndTheOldestKept() throws Exception {
		List<String> ids = List.of(publish(GROUP_REGISTERED, "62.12"), publish(GROUP_REGISTERED, "62.12"),
				publish(GROUP_REGISTERED, "62.12"));
		List<ConsumerRecord<String, byte[]>> log = DomainEvents.publicLogHolding("62.12", ids);
		ConsumerRecord<String, byte[]> kept = log.stream()
			.filter((record) -> ids.get(2).equals(header(record, "ce_id")))
			.findFirst()
			.orElseThrow();
		// retention removes what came before it
		try (Admin admin = Admin.create(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KimInfrastructure.get().kafkaBootstrapServers()))) {
			admin
				.deleteRecords(Map.of(new TopicPartition(PublicTopics.of("62.12"), 0),
						RecordsToDelete.beforeOffset(kept.offset())))
				.all()
				.get();
		}
		try (SseClient client = new SseClient(streamUri(null), StreamTokens.agency("62.12"), "62.12:0")) {
			SseClient.Event reset = client.next();
			assertThat(reset.name()).isEqualTo("reset");
			assertThat(reset.id()).isEqualTo("62.12:" + kept.offset());
			SseClient.Event first = client.next();
			assertThat(this.json.readTree(first.data()).path("id").asString()).isEqualTo(ids.get(2));
		}
	}

	@Test
	void aPositionBeyondTheTopicGetsAResetToo() {
		String id = publish(GROUP_REGISTERED, "62.08");
		DomainEvents.publicLogHolding("62.08", List.of(id));
		try (SseClient client = new SseClient(streamUri(null), StreamTokens.agency("62.08"), "62.08:999999")) {
			assertThat(client.next().name()).isEqualTo("reset");
			assertThat(readUntil(client, id)).isNotEmpty();
		}
	}

	@Test
	void anIdleStreamGetsHeartbeats() {
		try (SseClient client = new SseClient(streamUri(null), StreamTokens.agency("62.01"), null)) {
			assertThat(client.nextComment()).isEqualTo("heartbeat");
			assertThat(client.nextComment()).isEqualTo("heartbeat");
		}
	}

	@Test
	void aCoordinatorHasNoStream() throws Exception {
		this.mvc.perform(get("/api/streams/events").with(TestTokens.coordinator("g-1")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		try (SseClient client = new SseClient(streamUri(null), StreamTokens.coordinator(), null)) {
			assertThat(client.status()).isEqualTo(403);
		}
	}

	@Test
	void anAgencyMayNotAskForAnotherKabupaten() throws Exception {
		this.mvc.perform(get("/api/streams/events").param("kabupaten", "62.07").with(TestTokens.agency("62.06")))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.type").value("https://kim.kalteng.go.id/problems/kabupaten-scope"));
	}

	@Test
	void aStreamNeedsAToken() {
		try (SseClient client = new SseClient(streamUri(null), null, null)) {
			assertThat(client.status()).isEqualTo(401);
		}
	}

	@Test
	void badStreamParametersAreProblems() throws Exception {
		this.mvc.perform(get("/api/streams/events").header("Last-Event-ID", "62.71:x").with(TestTokens.agency("62.71")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("Last-Event-ID"));
		this.mvc.perform(get("/api/streams/events").param("lastEventId", "63.01:4").with(TestTokens.agency("62.71")))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/streams/events").param("types", "kim.nothing.v1").with(TestTokens.agency("62.71")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("types"));
		this.mvc.perform(get("/api/streams/events").param("kabupaten", "99.99").with(TestTokens.operator("operator-1")))
			.andExpect(status().isBadRequest());
		this.mvc.perform(get("/api/streams/events").param("from", "yesterday").with(TestTokens.agency("62.71")))
			.andExpect(status().isBadRequest());
	}

	private String publish(String type, String kabupaten) {
		return events.publish(Topics.GROUP_EVENTS, type, kabupaten, DomainEvents.example(type, kabupaten).toString());
	}

	/** The events read up to and including the one with the given CloudEvents id. */
	private List<JsonNode> readUntil(SseClient client, String id) {
		List<JsonNode> seen = new ArrayList<>();
		while (seen.isEmpty() || !id.equals(seen.get(seen.size() - 1).path("id").asString())) {
			SseClient.Event event = client.next();
			assertThat(event).as("the stream ended before event " + id).isNotNull();
			seen.add(this.json.readTree(event.data()));
		}
		return seen;
	}

}
