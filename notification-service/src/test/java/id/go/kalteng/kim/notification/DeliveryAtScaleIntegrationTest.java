package id.go.kalteng.kim.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.dissemination.BroadcastCancelledEvent;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.notification.delivery.AnotherWorker;
import id.go.kalteng.kim.notification.delivery.DeliveryWorker;
import id.go.kalteng.kim.notification.intake.NotificationIntake;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static id.go.kalteng.kim.notification.NotificationFixtures.randomPhone;
import static id.go.kalteng.kim.notification.NotificationFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery from in-memory ready queues with claims by compare-and-set: two instances on
 * one database send each notification once, and an URGENT request overtakes thousands of
 * NORMAL ones already queued.
 */
class DeliveryAtScaleIntegrationTest extends NotificationIntegrationTest {

	@Autowired
	ApplicationContext context;

	@Autowired
	NotificationIntake intake;

	@Test
	void twoWorkersOnOneDatabaseSendEachNotificationExactlyOnce() {
		String broadcastId = UUID.randomUUID().toString();
		List<Notification> queued = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			String phone = randomPhone();
			NotificationRequestedEvent request = request(phone, "WHATSAPP", "NORMAL", "62.71", broadcastId,
					Instant.now());
			queued.add(Notification.queued(request, phone, this.pseudonyms.of(phone), Channel.WHATSAPP, Instant.now()));
		}
		List<String> ids = queued.stream().map(Notification::getId).toList();
		DeliveryWorker second = AnotherWorker.of(this.context);
		second.start();
		try {
			// written by a third instance's intake: both workers find them by their
			// recovery
			// scan, and race for each
			this.store.insertAllIgnoringExisting(queued);

			await().atMost(TIMEOUT)
				.until(() -> this.mongo.count(
						Query.query(Criteria.where("_id").in(ids).and("status").is(NotificationStatus.SENT)),
						Notification.class) == ids.size());
		}
		finally {
			second.stop();
		}
		ScriptedChannelProvider whatsapp = scripted(Channel.WHATSAPP);
		assertThat(ids).allSatisfy((id) -> assertThat(whatsapp.calls(id)).as("sends of %s", id).isEqualTo(1));
		assertThat(this.mongo.find(Query.query(Criteria.where("_id").in(ids)), Notification.class))
			.allSatisfy((n) -> assertThat(n.getAttempts()).isEqualTo(1));
	}

	@Test
	void anUrgentRequestIsSentBeforeThousandsOfNormalOnesQueuedBeforeIt() throws Exception {
		String normalBroadcast = UUID.randomUUID().toString();
		List<NotificationRequestedEvent> normal = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			normal.add(request(randomPhone(), "SMS", "NORMAL", "62.71", normalBroadcast, Instant.now()));
		}
		List<String> normalIds = normal.stream().map(NotificationRequestedEvent::notificationId).toList();
		NotificationRequestedEvent urgent = request(randomPhone(), "SMS", "URGENT", "62.71");
		ScriptedChannelProvider sms = scripted(Channel.SMS);
		try {
			this.intake.acceptAll(normal);

			publisher.publish(UUID.randomUUID().toString(), urgent);

			await().atMost(TIMEOUT).until(() -> sms.accepted().contains(urgent.notificationId()));
			List<String> accepted = sms.accepted();
			List<String> before = accepted.subList(0, accepted.indexOf(urgent.notificationId()));
			long normalBefore = before.stream().filter(normalIds::contains).count();
			// only what was being sent when it arrived, and what 20 SMS/s allow while it
			// travels through Kafka
			assertThat(normalBefore).isLessThan(200);
		}
		finally {
			// the rest need not be sent: a stale claim of them is lost and dropped
			this.mongo.updateMulti(
					Query.query(Criteria.where("_id").in(normalIds).and("status").is(NotificationStatus.QUEUED)),
					new Update().set("status", NotificationStatus.SUPPRESSED).inc("version", 1L), Notification.class);
		}
	}

	@Test
	void anUrgentRequestOnItsOwnTopicOvertakesABacklogOfThousandsOfNormalRequestsStillBeingTakenIn() {
		String normalBroadcast = UUID.randomUUID().toString();
		List<NotificationRequestedEvent> normal = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			normal.add(request(randomPhone(), "SMS", "NORMAL", "62.71", normalBroadcast, Instant.now()));
		}
		List<String> normalIds = normal.stream().map(NotificationRequestedEvent::notificationId).toList();
		NotificationRequestedEvent urgent = request(randomPhone(), "SMS", "URGENT", "62.71");
		ScriptedChannelProvider sms = scripted(Channel.SMS);
		assertThat(NotificationRequestedEvent.topicFor(urgent.priority()))
			.isEqualTo(Topics.NOTIFICATION_URGENT_REQUESTS);
		try (TopicPublishing topics = new TopicPublishing(this.json)) {
			// the backlog on kim.notification.requests, then the warning on its own topic
			normal.forEach(publisher::publish);
			topics.publish(NotificationRequestedEvent.topicFor(urgent.priority()), urgent);

			await().atMost(TIMEOUT).until(() -> sms.accepted().contains(urgent.notificationId()));
			List<String> accepted = sms.accepted();
			long normalBefore = accepted.subList(0, accepted.indexOf(urgent.notificationId()))
				.stream()
				.filter(normalIds::contains)
				.count();
			// the backlog is far from done (20 SMS/s): the URGENT one went ahead of it
			assertThat(normalBefore).isLessThan(300);
			assertThat(this.mongo.count(
					Query.query(Criteria.where("_id").in(normalIds).and("status").is(NotificationStatus.SENT)),
					Notification.class))
				.isLessThan(normalIds.size() / 2);
			assertThat(sms.calls(urgent.notificationId())).isEqualTo(1);
		}
		finally {
			// the rest need not be sent
			publisher.publish(new BroadcastCancelledEvent(normalBroadcast, "62.71", "test", null, Instant.now()));
			await().atMost(TIMEOUT)
				.until(() -> this.mongo.count(Query.query(Criteria.where("_id")
					.in(normalIds)
					.and("status")
					.in(NotificationStatus.QUEUED, NotificationStatus.SENDING)), Notification.class) == 0);
		}
	}

	private ScriptedChannelProvider scripted(Channel channel) {
		return (ScriptedChannelProvider) this.providers.of(channel).orElseThrow();
	}

}
