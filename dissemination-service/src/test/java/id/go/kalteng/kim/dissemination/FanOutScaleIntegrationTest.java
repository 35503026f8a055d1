package id.go.kalteng.kim.dissemination;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.dissemination.dispatch.FanOutProbe;
import id.go.kalteng.kim.support.test.KimInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The fan-out at provincial scale: recipients stream from the projection in bounded
 * batches, progress shows from the first batch, and URGENT fan-outs overtake NORMAL ones.
 */
class FanOutScaleIntegrationTest extends DisseminationServiceIntegrationTest {

	/** The fan-out's batch (FanOut.BATCH). */
	private static final int BATCH = 500;

	@Autowired
	FanOutProbe fanOut;

	@Autowired
	MeterRegistry meters;

	@AfterEach
	void noHook() {
		this.fanOut.afterBatch((broadcast, requested) -> {
		});
	}

	/**
	 * 100,000 recipients: the fan-out never holds more than one batch of chosen
	 * recipients (the recipients come from a database cursor of bounded batches, chosen
	 * phone by phone), every one is requested once, and the progress shows the first
	 * batch while the rest is still going.
	 */
	@Test
	void aHundredThousandRecipientsStreamInBoundedBatchesWithProgressFromTheFirst() throws Exception {
		int members = 100_000;
		String groupId = StoredRecipients.activeGroup(this.mongo, this.pseudonyms, "62.10", members, "LAINNYA");
		double publishedBefore = published();
		String id = create(groupId, "URGENT");
		AtomicReference<JsonNode> atFirstBatch = new AtomicReference<>();
		this.fanOut.afterBatch((broadcast, requested) -> {
			if (broadcast.equals(id) && requested == BATCH) {
				atFirstBatch.set(progressQuietly(id));
			}
		});
		try {
			submitAndApprove(id);
			await().atMost(Duration.ofMinutes(10))
				.pollInterval(Duration.ofSeconds(2))
				.until(() -> progress(id).get("recipients").asInt() == members
						&& published() - publishedBefore >= members);
			JsonNode first = atFirstBatch.get();
			assertThat(first).as("progress during the first batch").isNotNull();
			assertThat(first.get("status").asString()).isEqualTo("SENDING");
			assertThat(first.get("recipients").asInt()).isEqualTo(BATCH);
			assertThat(this.fanOut.peakBuffered()).as("chosen recipients held at once").isLessThanOrEqualTo(BATCH);
			assertThat(published() - publishedBefore).as("each recipient requested once").isEqualTo(members);
			assertThat(this.mongo.getCollection("dispatches").countDocuments(new Document("broadcastId", id)))
				.isEqualTo(members);
			JsonNode progress = progress(id);
			assertThat(progress.get("status").asString()).isEqualTo("SENDING");
			assertThat(progress.get("queued").asInt()).isEqualTo(members);
		}
		finally {
			// free the in-process database for the tests after this one, and spare the
			// tests that read the urgent requests from the start reading these 100,000
			this.mongo.getCollection("dispatches").deleteMany(new Document("broadcastId", id));
			this.mongo.getCollection("recipients").deleteMany(new Document("groupId", groupId));
			truncate(Topics.NOTIFICATION_URGENT_REQUESTS);
		}
	}

	/**
	 * An URGENT broadcast approved while a NORMAL one fans out is fanned out before the
	 * NORMAL one's next batch: it has a consumer of its own and the NORMAL fan-out yields
	 * to it.
	 */
	@Test
	void anUrgentFanOutOvertakesANormalOneInProgress() throws Exception {
		String normalGroup = StoredRecipients.activeGroup(this.mongo, this.pseudonyms, "62.08", 2_000, "NELAYAN");
		String urgentGroup = StoredRecipients.activeGroup(this.mongo, this.pseudonyms, "62.09", 1_200, "NELAYAN");
		String normal = create(normalGroup, "NORMAL");
		String urgent = create(urgentGroup, "URGENT");
		this.mvc.perform(post("/api/broadcasts/{id}/submit", urgent).with(OPERATOR_1)).andExpect(status().isOk());
		AtomicBoolean urgentDoneBeforeNormalsSecondBatch = new AtomicBoolean();
		AtomicReference<Exception> failed = new AtomicReference<>();
		this.fanOut.afterBatch((broadcast, requested) -> {
			if (!broadcast.equals(normal)) {
				return;
			}
			try {
				if (requested == BATCH) {
					this.mvc.perform(post("/api/broadcasts/{id}/approve", urgent).with(OPERATOR_2))
						.andExpect(status().isOk());
					await().atMost(TIMEOUT).until(() -> this.fanOut.urgentRunning() > 0 || fannedOut(urgent, 1_200));
				}
				else if (requested == 2 * BATCH) {
					urgentDoneBeforeNormalsSecondBatch.set(fannedOut(urgent, 1_200));
				}
			}
			catch (Exception ex) {
				failed.set(ex);
			}
		});
		submitAndApprove(normal);
		await().atMost(TIMEOUT.multipliedBy(4)).until(() -> fannedOut(normal, 2_000));
		assertThat(failed.get()).isNull();
		assertThat(urgentDoneBeforeNormalsSecondBatch)
			.as("the URGENT fan-out finished before the NORMAL one's " + "second batch")
			.isTrue();
	}

	/**
	 * Deletes every record of a topic so far (readers from the start begin after them).
	 */
	private static void truncate(String topic) throws Exception {
		try (Admin admin = Admin.create(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KimInfrastructure.get().kafkaBootstrapServers()))) {
			List<TopicPartition> partitions = admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get()
				.get(topic)
				.partitions()
				.stream()
				.map((p) -> new TopicPartition(topic, p.partition()))
				.toList();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			partitions.forEach((p) -> latest.put(p, OffsetSpec.latest()));
			Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
			admin.listOffsets(latest)
				.all()
				.get()
				.forEach((p, offset) -> delete.put(p, RecordsToDelete.beforeOffset(offset.offset())));
			admin.deleteRecords(delete).all().get();
		}
	}

	private boolean fannedOut(String id, int recipients) throws Exception {
		JsonNode progress = progress(id);
		return progress.get("recipients").asInt() == recipients && this.mongo.getCollection("broadcasts")
			.find(new Document("_id", id))
			.first()
			.getBoolean("fanOutDone", false);
	}

	private double published() {
		return this.meters.get("kim.events.published.direct").counter().count();
	}

	private String create(String groupId, String priority) throws Exception {
		String body = "{\"title\":\"Info\",\"message\":\"Pemadaman listrik bergilir besok\",\"channels\":[\"SMS\"],"
				+ "\"priority\":\"" + priority + "\",\"target\":{\"groups\":[\"" + groupId + "\"]}}";
		return this.json
			.readTree(this.mvc
				.perform(post("/api/broadcasts").with(OPERATOR_1).contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isCreated())
				.andReturn()
				.getResponse()
				.getContentAsString())
			.get("id")
			.asString();
	}

	private void submitAndApprove(String id) throws Exception {
		this.mvc.perform(post("/api/broadcasts/{id}/submit", id).with(OPERATOR_1)).andExpect(status().isOk());
		this.mvc.perform(post("/api/broadcasts/{id}/approve", id).with(OPERATOR_2)).andExpect(status().isOk());
	}

	private JsonNode progressQuietly(String id) {
		try {
			return progress(id);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
