package id.go.kalteng.kim.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.notification.intake.NotificationIntake;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.test.TopicReader;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static id.go.kalteng.kim.notification.NotificationFixtures.randomPhone;
import static id.go.kalteng.kim.notification.NotificationFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests consumed a poll at a time (batch mode): a poison record goes to the
 * dead-letter topic alone while the rest of its batch is applied once, a batch handed
 * over again after a crash halfway adds only what is missing, and repeats within a batch
 * make one notification.
 */
class BatchIntakeIntegrationTest extends NotificationIntegrationTest {

	private static final String DEAD_LETTERS = "error.kim.notification.requests.notification-service";

	private static final String URGENT_DEAD_LETTERS = "error.kim.notification.urgent-requests.notification-service-urgent";

	@Autowired
	NotificationIntake intake;

	@Test
	void aPoisonRecordIsDeadLetteredAloneAndTheRestOfItsBatchIsAppliedOnce() throws Exception {
		String broadcastId = UUID.randomUUID().toString();
		List<NotificationRequestedEvent> healthy = requests(broadcastId, 6);
		NotificationRequestedEvent poison = new NotificationRequestedEvent(UUID.randomUUID().toString(), "BROADCAST",
				broadcastId, "62.71", null, randomPhone(), "FAX", "no such channel", "NORMAL", Instant.now());
		try (TopicReader deadLetters = new TopicReader(DEAD_LETTERS)) {
			for (int i = 0; i < healthy.size(); i++) {
				if (i == 3) {
					publisher.publish(UUID.randomUUID().toString(), poison);
				}
				publisher.publish(UUID.randomUUID().toString(), healthy.get(i));
			}

			await().atMost(TIMEOUT).until(() -> !deadLetters.forSubject(poison.notificationId()).isEmpty());
			awaitSent(healthy);
		}
		assertSentOnce(healthy);
		assertThat(this.store.findById(poison.notificationId(), Notification.class)).isEmpty();
	}

	@Test
	void onTheUrgentTopicTooAPoisonRecordIsDeadLetteredAloneAndTheRestIsAppliedOnce() throws Exception {
		String broadcastId = UUID.randomUUID().toString();
		List<NotificationRequestedEvent> healthy = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			healthy.add(request(randomPhone(), "WHATSAPP", "URGENT", "62.71", broadcastId, Instant.now()));
		}
		NotificationRequestedEvent poison = new NotificationRequestedEvent(UUID.randomUUID().toString(), "BROADCAST",
				broadcastId, "62.71", null, randomPhone(), "FAX", "no such channel", "URGENT", Instant.now());
		try (TopicReader deadLetters = new TopicReader(URGENT_DEAD_LETTERS);
				TopicPublishing topics = new TopicPublishing(this.json)) {
			for (int i = 0; i < healthy.size(); i++) {
				if (i == 3) {
					topics.publish(Topics.NOTIFICATION_URGENT_REQUESTS, poison);
				}
				topics.publish(Topics.NOTIFICATION_URGENT_REQUESTS, healthy.get(i));
			}
			// and one again, as after a crash before the offsets were committed
			topics.publish(Topics.NOTIFICATION_URGENT_REQUESTS, healthy.get(0));

			await().atMost(TIMEOUT).until(() -> !deadLetters.forSubject(poison.notificationId()).isEmpty());
			awaitSent(healthy);
		}
		assertSentOnce(healthy);
		assertThat(this.store.findById(poison.notificationId(), Notification.class)).isEmpty();
	}

	@Test
	void aBatchHandedOverAgainAfterACrashHalfwayAddsOnlyWhatIsMissing() throws Exception {
		List<NotificationRequestedEvent> batch = requests(UUID.randomUUID().toString(), 8);
		// the first delivery inserted half of the batch, then the process died before
		// the offsets were committed
		this.intake.acceptAll(batch.subList(0, 4));

		for (NotificationRequestedEvent request : batch) {
			publisher.publish(UUID.randomUUID().toString(), request);
		}

		awaitSent(batch);
		assertSentOnce(batch);
	}

	@Test
	void repeatsWithinABatchMakeOneNotification() throws Exception {
		String phone = randomPhone();
		NotificationRequestedEvent request = request(phone, "SMS", "NORMAL", "62.71");
		String eventId = UUID.randomUUID().toString();

		// the same event twice, and the same request republished under a new id
		this.intake.acceptAll(List.of(request, request));
		publisher.publish(eventId, request);
		publisher.publish(eventId, request);
		publisher.publish(UUID.randomUUID().toString(), request);

		awaitSent(List.of(request));
		assertSentOnce(List.of(request));
		assertThat(this.mongo.count(Query.query(Criteria.where("phone").is(phone)), Notification.class)).isEqualTo(1);
	}

	private static List<NotificationRequestedEvent> requests(String broadcastId, int count) {
		List<NotificationRequestedEvent> requests = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			requests.add(request(randomPhone(), "WHATSAPP", "NORMAL", "62.71", broadcastId, Instant.now()));
		}
		return requests;
	}

	private void awaitSent(List<NotificationRequestedEvent> requests) {
		List<String> ids = requests.stream().map(NotificationRequestedEvent::notificationId).toList();
		await().atMost(TIMEOUT)
			.until(() -> this.mongo.count(
					Query.query(Criteria.where("_id").in(ids).and("status").is(NotificationStatus.SENT)),
					Notification.class) == ids.size());
	}

	private void assertSentOnce(List<NotificationRequestedEvent> requests) {
		for (NotificationRequestedEvent request : requests) {
			Channel channel = Channel.parse(request.channel()).orElseThrow();
			ScriptedChannelProvider provider = (ScriptedChannelProvider) this.providers.of(channel).orElseThrow();
			assertThat(provider.calls(request.notificationId())).as("sends of %s", request.notificationId())
				.isEqualTo(1);
			assertThat(this.store.findById(request.notificationId(), Notification.class).orElseThrow().getAttempts())
				.isEqualTo(1);
		}
	}

}
