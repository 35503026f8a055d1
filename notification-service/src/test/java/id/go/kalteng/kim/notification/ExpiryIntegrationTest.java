package id.go.kalteng.kim.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.test.TopicReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static id.go.kalteng.kim.notification.NotificationFixtures.randomPhone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request's {@code expiresAt} (#10): a message not handed to a provider by then is not
 * sent and ends EXPIRED, also one waiting for its retry. (Quiet hours: see
 * {@link QuietHoursIntegrationTest}.)
 */
class ExpiryIntegrationTest extends NotificationIntegrationTest {

	@Test
	void aRequestThatArrivesExpiredEndsExpiredAndIsNeverSent() {
		NotificationRequestedEvent request = withExpiry(randomPhone(), Instant.now().minusSeconds(60));

		publisher.publish(request);

		await().atMost(TIMEOUT)
			.until(() -> this.store.findById(request.notificationId(), Notification.class).isPresent());
		Notification stored = this.store.findById(request.notificationId(), Notification.class).orElseThrow();
		assertThat(stored.getStatus()).isEqualTo(NotificationStatus.EXPIRED);
		assertThat(stored.getReason()).isEqualTo(Notification.EXPIRED);
		assertThat(stored.getAttempts()).isZero();
		assertThat(scripted().calls(request.notificationId())).isZero();
		JsonNode event = awaitStatusEvent(request.notificationId(), "EXPIRED");
		assertThat(event.path("terminal").asBoolean()).isTrue();
	}

	@Test
	void aNotificationWaitingForItsRetryWhenItsExpiryPassesEndsExpiredInsteadOfBeingSentAgain() {
		Instant now = Instant.now();
		String phone = randomPhone();
		NotificationRequestedEvent request = withExpiry(phone, now.plusSeconds(1));
		// queued again after a failed attempt, its retry 20 s away (the backoff)
		Notification waiting = Notification.queued(request, phone, this.pseudonyms.of(phone), Channel.SMS,
				now.plusSeconds(20));
		this.store.insertAllIgnoringExisting(List.of(waiting));
		this.worker.queued(List.of(waiting));

		// the slow timer (the recovery scan) ends it once its expiry passed
		await().atMost(TIMEOUT)
			.until(() -> this.store.findById(request.notificationId(), Notification.class)
				.map(Notification::getStatus)
				.filter((s) -> s == NotificationStatus.EXPIRED)
				.isPresent());
		assertThat(Instant.now()).isBefore(now.plusSeconds(20));
		assertThat(scripted().calls(request.notificationId())).isZero();
		JsonNode event = awaitStatusEvent(request.notificationId(), "EXPIRED");
		assertThat(event.path("previousStatus").asString()).isEqualTo("QUEUED");
		assertThat(event.path("terminal").asBoolean()).isTrue();
	}

	@Test
	void aRequestWhoseExpiryIsAheadIsSentAsUsual() {
		NotificationRequestedEvent request = withExpiry(randomPhone(), Instant.now().plus(Duration.ofHours(2)));

		publisher.publish(request);

		await().atMost(TIMEOUT).until(() -> scripted().accepted().contains(request.notificationId()));
		await().atMost(TIMEOUT)
			.until(() -> this.store.findById(request.notificationId(), Notification.class)
				.orElseThrow()
				.getStatus() == NotificationStatus.SENT);
	}

	private static NotificationRequestedEvent withExpiry(String phone, Instant expiresAt) {
		String broadcastId = UUID.randomUUID().toString();
		NotificationRequestedEvent base = NotificationFixtures.request(phone, "SMS", "NORMAL", "62.71", broadcastId,
				Instant.now());
		return new NotificationRequestedEvent(base.notificationId(), base.sourceType(), base.sourceId(),
				base.kabupaten(), base.memberId(), phone, base.channel(), base.text(), base.priority(),
				base.requestedAt(), null, null, expiresAt);
	}

	private JsonNode awaitStatusEvent(String notificationId, String status) {
		return await().atMost(TIMEOUT)
			.until(() -> events.forSubject(notificationId)
				.stream()
				.map((r) -> this.json.readTree(TopicReader.value(r)))
				.filter((e) -> status.equals(e.path("status").asString()))
				.findFirst()
				.orElse(null), (event) -> event != null);
	}

	private ScriptedChannelProvider scripted() {
		return (ScriptedChannelProvider) this.providers.of(Channel.SMS).orElseThrow();
	}

}
