package id.go.kalteng.kim.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import id.go.kalteng.kim.contracts.group.MemberErasedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static id.go.kalteng.kim.notification.NotificationFixtures.getJson;
import static id.go.kalteng.kim.notification.NotificationFixtures.notifications;
import static id.go.kalteng.kim.notification.NotificationFixtures.randomPhone;
import static id.go.kalteng.kim.notification.NotificationFixtures.requestFor;
import static id.go.kalteng.kim.notification.NotificationFixtures.sandboxMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * group-service erases a member (UU PDP): the member's phone disappears from the
 * notifications and the sandbox, what was not sent yet is never sent, and the statuses
 * and counts of the broadcasts stay.
 */
class MemberErasureIntegrationTest extends NotificationIntegrationTest {

	@Test
	void anErasedMembersPhoneIsForgottenAndNothingMoreIsSentToIt() throws Exception {
		String memberId = UUID.randomUUID().toString();
		String groupId = UUID.randomUUID().toString();
		String phone = randomPhone();
		NotificationRequestedEvent sent = requestFor(memberId, phone, "SMS", "62.71");
		publisher.publish(sent);
		awaitStatus(sent.notificationId(), NotificationStatus.SENT);
		assertThat(sandboxMessages(this.mvc, this.json, phone, OPERATOR).path("total").asInt()).isEqualTo(1);

		NotificationRequestedEvent queued = requestFor(memberId, phone, "WHATSAPP", "62.71");
		NotificationRequestedEvent claimed = requestFor(memberId, phone, "SMS", "62.71");
		this.worker.stop();
		try {
			publisher.publish(queued);
			publisher.publish(claimed);
			awaitStored(queued.notificationId());
			awaitStored(claimed.notificationId());
			// a worker claimed it, then the erasure arrives before it sends
			assertThat(this.queue.claim(Channel.SMS, 10, Instant.now())).extracting(Notification::getId)
				.contains(claimed.notificationId());

			publisher.publish(new MemberErasedEvent(groupId, memberId, "62.71", Instant.now()));

			awaitStatus(queued.notificationId(), NotificationStatus.SUPPRESSED);
			await().atMost(TIMEOUT)
				.until(() -> this.store.findById(claimed.notificationId(), Notification.class)
					.orElseThrow()
					.isErased());
		}
		finally {
			this.worker.start();
		}
		// the claim expires, the worker takes it again and finds the member erased
		awaitStatus(claimed.notificationId(), NotificationStatus.SUPPRESSED);
		// a fan-out that overtook the erasure
		NotificationRequestedEvent late = requestFor(memberId, phone, "SMS", "62.71");
		publisher.publish(late);
		awaitStatus(late.notificationId(), NotificationStatus.SUPPRESSED);
		// the worker is running: a request to someone else is sent, the member's are not
		String other = randomPhone();
		NotificationRequestedEvent control = requestFor(UUID.randomUUID().toString(), other, "WHATSAPP", "62.71");
		publisher.publish(control);
		awaitStatus(control.notificationId(), NotificationStatus.SENT);

		// the phone appears nowhere
		assertThat(notifications(this.mvc, this.json, OPERATOR, "phone", phone).path("total").asInt()).isZero();
		assertThat(sandboxMessages(this.mvc, this.json, phone, OPERATOR).path("total").asInt()).isZero();
		assertThat(body("/api/sandbox/messages")).doesNotContain(phone);
		assertThat(body("/api/notifications")).doesNotContain(phone);
		assertThat(sandboxMessages(this.mvc, this.json, other, OPERATOR).path("total").asInt()).isEqualTo(1);

		// statuses and counts stay, per broadcast
		Map<String, JsonNode> byId = List.of(sent, queued, claimed, late)
			.stream()
			.map((request) -> ofBroadcast(request.sourceId()).path("items").get(0))
			.collect(Collectors.toMap((item) -> item.path("id").asString(), Function.identity()));
		assertThat(byId.values()).allSatisfy((item) -> {
			assertThat(item.hasNonNull("phone")).isFalse();
			assertThat(item.path("erased").asBoolean()).isTrue();
			assertThat(item.path("kabupaten").asString()).isEqualTo("62.71");
		});
		assertThat(byId.get(sent.notificationId()).path("status").asString()).isEqualTo("SENT");
		assertThat(byId.get(sent.notificationId()).path("attempts").asInt()).isEqualTo(1);
		assertThat(byId.get(sent.notificationId()).path("providerMessageId").asString()).startsWith("sbx-");
		for (NotificationRequestedEvent request : List.of(queued, claimed, late)) {
			assertThat(byId.get(request.notificationId()).path("status").asString()).isEqualTo("SUPPRESSED");
			assertThat(byId.get(request.notificationId()).path("reason").asString()).isEqualTo(Notification.ERASED);
		}
		Notification forgotten = this.store.findById(queued.notificationId(), Notification.class).orElseThrow();
		assertThat(forgotten.getText()).isNull();
		assertThat(forgotten.getMemberId()).isEqualTo(memberId);

		// announced, so that the broadcasts' progress adds up
		awaitStatusEvents(sent.notificationId(), "QUEUED", "SENT");
		awaitStatusEvents(queued.notificationId(), "QUEUED", "SUPPRESSED");
		awaitStatusEvents(claimed.notificationId(), "QUEUED", "SUPPRESSED");
		awaitStatusEvents(late.notificationId(), "SUPPRESSED");

		// a repeated erasure (a new event id, past the dedupe) changes nothing
		Map<String, Long> versions = List.of(sent, queued, claimed, late)
			.stream()
			.collect(Collectors.toMap(NotificationRequestedEvent::notificationId,
					(request) -> this.store.findById(request.notificationId(), Notification.class)
						.orElseThrow()
						.getVersion()));
		double handled = erasuresHandled();
		publisher.publish(new MemberErasedEvent(groupId, memberId, "62.71", Instant.now()));
		await().atMost(TIMEOUT).until(() -> erasuresHandled() > handled);
		versions
			.forEach((id, version) -> assertThat(this.store.findById(id, Notification.class).orElseThrow().getVersion())
				.as("version of %s", id)
				.isEqualTo(version));
		awaitStatusEvents(queued.notificationId(), "QUEUED", "SUPPRESSED");
	}

	private JsonNode ofBroadcast(String broadcastId) {
		try {
			return NotificationFixtures.notifications(this.mvc, this.json, OPERATOR, "broadcastId", broadcastId);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String body(String path) throws Exception {
		return getJson(this.mvc, this.json, get(path).param("size", "200"), OPERATOR).toString();
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
