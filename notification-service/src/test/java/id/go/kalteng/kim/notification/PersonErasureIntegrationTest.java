package id.go.kalteng.kim.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import id.go.kalteng.kim.contracts.group.PersonErasedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static id.go.kalteng.kim.notification.NotificationFixtures.getJson;
import static id.go.kalteng.kim.notification.NotificationFixtures.notifications;
import static id.go.kalteng.kim.notification.NotificationFixtures.randomPhone;
import static id.go.kalteng.kim.notification.NotificationFixtures.requestFor;
import static id.go.kalteng.kim.notification.NotificationFixtures.sandboxMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * group-service erases a person by phone number (UU PDP), whether or not the number is
 * still a member anywhere: every notification of the number loses phone and text, the
 * sandbox forgets every message to it, and nothing more is ever sent to it; counts stay.
 */
class PersonErasureIntegrationTest extends NotificationIntegrationTest {

	@Test
	void aFormerMemberErasedByPhoneIsForgottenEverywhereAndReceivesNothingMore() throws Exception {
		String phone = randomPhone();
		String hash = this.pseudonyms.of(phone);
		// member of two groups long ago; no MemberErased will ever come for those
		// memberships
		NotificationRequestedEvent earlier = requestFor(UUID.randomUUID().toString(), phone, "SMS", "62.71");
		NotificationRequestedEvent elsewhere = requestFor(UUID.randomUUID().toString(), phone, "WHATSAPP", "62.02");
		String other = randomPhone();
		NotificationRequestedEvent bystander = requestFor(UUID.randomUUID().toString(), other, "SMS", "62.71");
		for (NotificationRequestedEvent request : List.of(earlier, elsewhere, bystander)) {
			publisher.publish(request);
			awaitStatus(request.notificationId(), NotificationStatus.SENT);
		}
		assertThat(this.store.findById(earlier.notificationId(), Notification.class).orElseThrow().getPhoneHash())
			.isEqualTo(hash);
		assertThat(sandboxMessages(this.mvc, this.json, phone, OPERATOR).path("total").asInt()).isEqualTo(2);

		NotificationRequestedEvent queued = requestFor(UUID.randomUUID().toString(), phone, "SMS", "62.71");
		this.worker.stop();
		try {
			publisher.publish(queued);
			awaitStored(queued.notificationId());

			publisher.publish(new PersonErasedEvent(hash, Instant.now()));

			awaitStatus(queued.notificationId(), NotificationStatus.SUPPRESSED);
			await().atMost(TIMEOUT)
				.until(() -> this.store.findById(earlier.notificationId(), Notification.class)
					.orElseThrow()
					.isErased());
		}
		finally {
			this.worker.start();
		}
		// a new request for the number (it joined a group again, or any other source)
		NotificationRequestedEvent later = requestFor(UUID.randomUUID().toString(), phone, "SMS", "62.71");
		publisher.publish(later);
		awaitStatus(later.notificationId(), NotificationStatus.SUPPRESSED);
		// a request that passed the intake just before the erasure and was stored just
		// after
		NotificationRequestedEvent raced = requestFor(null, phone, "WHATSAPP", "62.71");
		this.store.save(Notification.queued(raced, phone, hash, Channel.WHATSAPP, Instant.now()));
		awaitStatus(raced.notificationId(), NotificationStatus.SUPPRESSED);

		// the number appears nowhere
		assertThat(notifications(this.mvc, this.json, OPERATOR, "phone", phone).path("total").asInt()).isZero();
		assertThat(sandboxMessages(this.mvc, this.json, phone, OPERATOR).path("total").asInt()).isZero();
		assertThat(getJson(this.mvc, this.json, get("/api/notifications").param("size", "200"), OPERATOR).toString())
			.doesNotContain(phone);
		assertThat(this.mongo.find(Query.query(Criteria.where("_id").in(ids(earlier, elsewhere, queued, later, raced))),
				Document.class, Notification.COLLECTION))
			.hasSize(5)
			.allSatisfy((document) -> {
				assertThat(document.toJson()).doesNotContain(phone.substring(3)).doesNotContain(hash);
				assertThat(document.get("text")).isNull();
				assertThat(document.getBoolean("erased")).isTrue();
			});
		// the bystander keeps what it received
		assertThat(sandboxMessages(this.mvc, this.json, other, OPERATOR).path("total").asInt()).isEqualTo(1);
		assertThat(this.store.findById(bystander.notificationId(), Notification.class).orElseThrow().getPhone())
			.isEqualTo(other);

		// statuses and counts stay
		assertThat(this.store.findById(earlier.notificationId(), Notification.class).orElseThrow().getStatus())
			.isEqualTo(NotificationStatus.SENT);
		assertThat(this.store.findById(elsewhere.notificationId(), Notification.class).orElseThrow().getKabupaten())
			.isEqualTo("62.02");
		for (NotificationRequestedEvent request : List.of(queued, later, raced)) {
			assertThat(this.store.findById(request.notificationId(), Notification.class).orElseThrow().getReason())
				.isEqualTo(Notification.ERASED);
		}
		awaitStatusEvents(earlier.notificationId(), "QUEUED", "SENT");
		awaitStatusEvents(queued.notificationId(), "QUEUED", "SUPPRESSED");
		awaitStatusEvents(later.notificationId(), "SUPPRESSED");

		// a repeated erasure (a new event id, past the dedupe) changes nothing
		Map<String, Long> versions = List.of(earlier, elsewhere, queued, later, raced)
			.stream()
			.collect(Collectors.toMap(NotificationRequestedEvent::notificationId,
					(request) -> this.store.findById(request.notificationId(), Notification.class)
						.orElseThrow()
						.getVersion()));
		double handled = erasuresHandled();
		publisher.publish(new PersonErasedEvent(hash, Instant.now()));
		await().atMost(TIMEOUT).until(() -> erasuresHandled() > handled);
		versions
			.forEach((id, version) -> assertThat(this.store.findById(id, Notification.class).orElseThrow().getVersion())
				.as("version of %s", id)
				.isEqualTo(version));
	}

	private static List<String> ids(NotificationRequestedEvent... requests) {
		return List.of(requests).stream().map(NotificationRequestedEvent::notificationId).toList();
	}

	private double erasuresHandled() {
		return this.meters.find("kim.events.consumed")
			.tag("consumer", "notification-service-erasure")
			.tag("outcome", "handled")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private void awaitStored(String notificationId) {
		await().atMost(TIMEOUT).until(() -> this.store.findById(notificationId, Notification.class).isPresent());
	}

	private void awaitStatus(String notificationId, NotificationStatus status) {
		await().atMost(TIMEOUT)
			.until(() -> this.store.findById(notificationId, Notification.class)
				.map(Notification::getStatus)
				.orElse(null) == status);
	}

	private void awaitStatusEvents(String notificationId, String... statuses) {
		await().atMost(TIMEOUT).untilAsserted(() -> {
			List<ConsumerRecord<String, byte[]>> records = events.forSubject(notificationId);
			assertThat(records).extracting((r) -> this.json.readTree(TopicReader.value(r)).path("status").asString())
				.containsExactly(statuses);
		});
	}

}
