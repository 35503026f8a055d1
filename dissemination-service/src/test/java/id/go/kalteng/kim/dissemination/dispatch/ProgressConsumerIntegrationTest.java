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

}
