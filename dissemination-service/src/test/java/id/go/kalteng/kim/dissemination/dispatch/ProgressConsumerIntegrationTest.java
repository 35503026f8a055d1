package id.go.kalteng.kim.dissemination.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.model.Filters;
import id.go.kalteng.kim.contracts.notification.NotificationStatusChangedEvent;
import id.go.kalteng.kim.dissemination.DisseminationServiceIntegrationTest;
import id.go.kalteng.kim.support.test.TestEventPublisher;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The progress consumer takes a poll's status events at once, over the real broker. */
class ProgressConsumerIntegrationTest extends DisseminationServiceIntegrationTest {

	@Test
	void statusEventsFromTheBrokerMoveTheirDispatches() {
		String broadcast = UUID.randomUUID().toString();
		List<String> dispatches = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
		for (String id : dispatches) {
			this.mongo.getCollection(Dispatch.COLLECTION)
				.insertOne(new Document("_id", id).append("broadcastId", broadcast)
					.append("status", "QUEUED")
					.append("version", 1L));
		}
		try (TestEventPublisher producer = new TestEventPublisher(this.json)) {
			for (String status : List.of("SENT", "DELIVERED", "QUEUED")) {
				for (String id : dispatches) {
					producer.publish(new NotificationStatusChangedEvent(id, "BROADCAST", broadcast, "62.71", "SMS",
							status, null, null, Instant.now()));
				}
			}
		}
		await().atMost(TIMEOUT)
			.until(() -> dispatches.stream()
				.allMatch((id) -> "DELIVERED".equals(this.mongo.getCollection(Dispatch.COLLECTION)
					.find(Filters.eq("_id", id))
					.first()
					.getString("status"))));
	}

	/**
	 * A member whose WhatsApp number is not on WhatsApp: the WhatsApp notification fails
	 * with an SMS fallback, whose statuses are the member's. Progress counts the person
	 * once, as delivered, not as failed.
	 */
	@Test
	void aFallbacksStatusesMoveTheDispatchItStandsInForAndItsFirstChannelsFailureDoesNot() throws Exception {
		String broadcast = UUID.randomUUID().toString();
		String dispatch = UUID.randomUUID().toString();
		String fallback = UUID.randomUUID().toString();
		this.mongo.getCollection(Dispatch.COLLECTION)
			.insertOne(new Document("_id", dispatch).append("broadcastId", broadcast)
				.append("status", "QUEUED")
				.append("version", 1L));
		try (TestEventPublisher producer = new TestEventPublisher(this.json)) {
			producer.publish(new NotificationStatusChangedEvent(dispatch, "BROADCAST", broadcast, "62.71", "WHATSAPP",
					"SENT", "QUEUED", null, Instant.now()));
			producer.publish(new NotificationStatusChangedEvent(dispatch, "BROADCAST", broadcast, "62.71", "WHATSAPP",
					"FAILED", "SENT", "131026", Instant.now(), null, fallback));
			producer.publish(new NotificationStatusChangedEvent(fallback, "BROADCAST", broadcast, "62.71", "SMS",
					"SENT", "QUEUED", null, Instant.now(), dispatch, null));
			producer.publish(new NotificationStatusChangedEvent(fallback, "BROADCAST", broadcast, "62.71", "SMS",
					"DELIVERED", "SENT", null, Instant.now(), dispatch, null));
		}
		await().atMost(TIMEOUT)
			.until(() -> "DELIVERED".equals(this.mongo.getCollection(Dispatch.COLLECTION)
				.find(Filters.eq("_id", dispatch))
				.first()
				.getString("status")));
		Document counts = this.mongo.getCollection(DispatchCounts.COLLECTION)
			.find(Filters.eq("_id", broadcast))
			.first();
		assertThat(counts.get("delivered", Number.class).longValue()).isEqualTo(1);
		assertThat(counts.get("failed")).as("the person is not counted as failed").isIn(null, 0, 0L);
		assertThat(this.mongo.getCollection(Dispatch.COLLECTION).countDocuments(Filters.eq("_id", fallback))).isZero();
	}

}
