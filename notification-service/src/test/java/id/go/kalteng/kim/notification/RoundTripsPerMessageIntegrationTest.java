package id.go.kalteng.kim.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.notification.DatabaseCommands.Command;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static id.go.kalteng.kim.notification.NotificationFixtures.randomPhone;
import static id.go.kalteng.kim.notification.NotificationFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Database round trips per message while requests flow from intake to SENT, counted with
 * a MongoDB command listener: the hot path finds documents by {@code _id} only, in
 * batches, so the cost of a message does not grow with the data.
 */
class RoundTripsPerMessageIntegrationTest extends NotificationIntegrationTest {

	private static final int MESSAGES = 200;

	@Autowired
	DatabaseCommands commands;

	@Test
	void aMessageCostsAFewRoundTripsAllByIdFromIntakeToSent() throws Exception {
		String broadcastId = UUID.randomUUID().toString();
		List<NotificationRequestedEvent> requests = new ArrayList<>();
		for (int i = 0; i < MESSAGES; i++) {
			requests.add(request(randomPhone(), "WHATSAPP", "NORMAL", "62.71", broadcastId, Instant.now()));
		}
		List<String> ids = requests.stream().map(NotificationRequestedEvent::notificationId).toList();

		this.commands.start();
		for (NotificationRequestedEvent request : requests) {
			publisher.publish(UUID.randomUUID().toString(), request);
		}
		await().atMost(TIMEOUT.multipliedBy(2))
			.pollInSameThread()
			.until(() -> this.mongo.count(
					Query.query(Criteria.where("_id").in(ids).and("status").is(NotificationStatus.SENT)),
					Notification.class) == MESSAGES);
		List<Command> recorded = this.commands.stop();

		Map<String, Integer> counts = DatabaseCommands.byCollection(recorded);
		System.out.printf("Round trips for %d messages (intake -> SENT): %d, %.2f per message%n", MESSAGES,
				recorded.size(), recorded.size() / (double) MESSAGES);
		counts.forEach((key, count) -> System.out.printf("  %-40s %6d  %.2f/message%n", key, count,
				count / (double) MESSAGES));
		Map<String, Integer> byThread = new java.util.TreeMap<>();
		recorded.forEach((command) -> byThread.merge(
				command.thread().replaceAll("[-0-9]+$", "").replaceAll("KafkaConsumerDestination.*", "kafka-consumer"),
				1, Integer::sum));
		byThread.forEach((thread, count) -> System.out.printf("  by %-36s %6d  %.2f/message%n", thread, count,
				count / (double) MESSAGES));
		// the scans allowed on a slow timer: the delivery worker's recovery, and the
		// outbox
		// relay's look for documents pending too long (service-support, every 30 s)
		List<Command> scans = recorded.stream()
			.filter((command) -> !command.byIdOnly() && !command.thread().startsWith("delivery-recovery"))
			.filter((command) -> !(command.thread().equals("outbox-relay")
					&& command.filter().startsWith("[{\"pendingSince\": {\"$lt\"")))
			.toList();
		scans.stream()
			.map((command) -> command.thread() + " " + command.collection() + " " + command.name() + " "
					+ command.filter())
			.distinct()
			.limit(20)
			.forEach((scan) -> System.out.println("  scan: " + scan));

		assertThat(scans).filteredOn((command) -> command.collection().equals(Notification.COLLECTION)).isEmpty();
		// intake, claims, send-time checks, the sandbox's copy and the outcome; the
		// outbox
		// relay (service-support), the recovery timer and the cancelled sources' refresh
		// timer apart. Before issue #8: about 21
		// round trips per message in all, several of them scans
		long perMessageWork = recorded.stream()
			.filter((command) -> !command.thread().equals("outbox-relay")
					&& !command.thread().startsWith("delivery-recovery")
					&& !command.thread().startsWith("cancelled-sources"))
			.count();
		assertThat(perMessageWork).isLessThanOrEqualTo(MESSAGES * 5L);
	}

}
