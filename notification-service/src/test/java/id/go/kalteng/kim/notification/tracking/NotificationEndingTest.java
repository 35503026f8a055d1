package id.go.kalteng.kim.notification.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationStatusChangedEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a notification ends (#10): CANCELLED when its broadcast is cancelled before a
 * provider has it, EXPIRED when its {@code expiresAt} passes first (timed with given
 * instants, no real clock), and which of its statuses are {@code terminal}.
 */
class NotificationEndingTest {

	private static final Instant T0 = Instant.parse("2026-12-01T03:00:00Z");

	private static final Instant EXPIRES = T0.plusSeconds(3600);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aQueuedNotificationOfACancelledBroadcastEndsCancelledAndTerminal() {
		Notification n = queued(null);

		assertThat(n.cancel(T0.plusSeconds(5))).isTrue();

		assertThat(n.getStatus()).isEqualTo(NotificationStatus.CANCELLED);
		NotificationStatusChangedEvent event = last(n);
		assertThat(event.status()).isEqualTo("CANCELLED");
		assertThat(event.previousStatus()).isEqualTo("QUEUED");
		assertThat(event.reason()).isEqualTo("broadcast-cancelled");
		assertThat(event.terminal()).isTrue();
		assertValid(n.recordedEvents());
		// a repeated cancellation changes nothing
		assertThat(n.cancel(T0.plusSeconds(6))).isFalse();
		assertThat(n.recordedEvents()).hasSize(2);
	}

	@Test
	void aClaimedNotificationWhoseSendHasNotStartedCanStillBeCancelled() {
		Notification n = queued(null);
		n.claim("token", T0);

		assertThat(n.cancel(T0.plusSeconds(1))).isTrue();
		assertThat(n.getStatus()).isEqualTo(NotificationStatus.CANCELLED);
		// nothing moves it on
		n.sent("sbx-1", false, T0.plusSeconds(2));
		n.reported(NotificationStatus.DELIVERED, null, T0.plusSeconds(3));
		assertThat(n.getStatus()).isEqualTo(NotificationStatus.CANCELLED);
		assertThat(n.recordedEvents()).hasSize(2);
	}

	@Test
	void aCancellationNeverMovesASentOrUnknownNotificationBack() {
		Notification sent = queued(null);
		sent.claim("token", T0);
		sent.sent("sbx-1", false, T0.plusSeconds(1));
		assertThat(sent.cancel(T0.plusSeconds(2))).isFalse();
		assertThat(sent.getStatus()).isEqualTo(NotificationStatus.SENT);

		Notification delivered = queued(null);
		delivered.claim("token", T0);
		delivered.reported(NotificationStatus.DELIVERED, null, T0.plusSeconds(1));
		assertThat(delivered.cancel(T0.plusSeconds(2))).isFalse();
		assertThat(delivered.expire(EXPIRES.plusSeconds(1))).isFalse();
		assertThat(delivered.getStatus()).isEqualTo(NotificationStatus.DELIVERED);

		// the provider may have it: it stays unknown until a report tells
		Notification unknown = queued(null);
		unknown.claim("token", T0);
		unknown.outcomeUnknown("token", "timeout", false, new Notification.RetryPlan(3, Duration.ZERO, true), T0);
		assertThat(unknown.cancel(T0.plusSeconds(2))).isFalse();
		assertThat(unknown.getStatus()).isEqualTo(NotificationStatus.UNKNOWN);
	}

	@Test
	void aNotificationIsNotExpiredBeforeItsExpiryAndEndsExpiredFromIt() {
		Notification n = queued(EXPIRES);

		assertThat(n.isExpired(EXPIRES.minusMillis(1))).isFalse();
		assertThat(n.expire(EXPIRES.minusMillis(1))).isFalse();
		assertThat(n.getStatus()).isEqualTo(NotificationStatus.QUEUED);

		assertThat(n.isExpired(EXPIRES)).isTrue();
		assertThat(n.expire(EXPIRES)).isTrue();
		assertThat(n.getStatus()).isEqualTo(NotificationStatus.EXPIRED);
		NotificationStatusChangedEvent event = last(n);
		assertThat(event.status()).isEqualTo("EXPIRED");
		assertThat(event.reason()).isEqualTo(Notification.EXPIRED);
		assertThat(event.terminal()).isTrue();
		assertValid(n.recordedEvents());
	}

	@Test
	void aNotificationWithoutExpiryNeverExpires() {
		Notification n = queued(null);
		assertThat(n.expire(T0.plusSeconds(365L * 24 * 3600))).isFalse();
		assertThat(n.getStatus()).isEqualTo(NotificationStatus.QUEUED);
	}

	@Test
	void aRequestThatArrivesAfterItsCancellationOrExpiryEndsAtOnce() {
		Notification cancelled = Notification.ended(request(null), "+6281234567890", "hash", Channel.SMS,
				NotificationStatus.CANCELLED, Notification.cancelledReason("BROADCAST"), T0);
		Notification expired = Notification.ended(request(EXPIRES), "+6281234567890", "hash", Channel.SMS,
				NotificationStatus.EXPIRED, Notification.EXPIRED, EXPIRES);

		assertThat(cancelled.getStatus()).isEqualTo(NotificationStatus.CANCELLED);
		assertThat(last(cancelled).terminal()).isTrue();
		assertThat(last(cancelled).previousStatus()).isNull();
		assertThat(expired.getStatus()).isEqualTo(NotificationStatus.EXPIRED);
		assertThat(last(expired).terminal()).isTrue();
		assertValid(cancelled.recordedEvents());
		assertValid(expired.recordedEvents());
	}

	@Test
	void aQueuedStatusIsNeverTerminal() {
		Notification n = queued(null);
		assertThat(last(n).terminal()).isFalse();
		assertThat(n.isTerminal()).isFalse();
	}

	@Test
	void aSentStatusIsTerminalOnlyThroughAProviderThatGivesNoDeliveryReports() {
		Notification silent = queued(null);
		silent.claim("token", T0);
		silent.sent("sbx-1", false, T0.plusSeconds(1));
		assertThat(last(silent).status()).isEqualTo("SENT");
		assertThat(last(silent).terminal()).isTrue();

		Notification reporting = queued(null);
		reporting.claim("token", T0);
		reporting.sent("wamid.1", true, T0.plusSeconds(1));
		assertThat(last(reporting).terminal()).isFalse();
		reporting.reported(NotificationStatus.DELIVERED, null, T0.plusSeconds(2));
		assertThat(last(reporting).status()).isEqualTo("DELIVERED");
		assertThat(last(reporting).terminal()).isTrue();
		reporting.reported(NotificationStatus.READ, null, T0.plusSeconds(3));
		assertThat(last(reporting).terminal()).isTrue();
		assertValid(reporting.recordedEvents());
	}

	@Test
	void failedAndSuppressedAreTerminal() {
		Notification refused = queued(null);
		refused.claim("token", T0);
		refused.refused("invalid-number", T0);
		assertThat(last(refused).terminal()).isTrue();

		Notification suppressed = Notification.suppressed(request(null), "+6281234567890", "hash", Channel.SMS, T0);
		assertThat(last(suppressed).terminal()).isTrue();
	}

	@Test
	void theFailedOfANotificationAFallbackReplacesIsTerminalForItAndNamesTheFallbackWhichInheritsTheExpiry() {
		NotificationRequestedEvent whatsApp = new NotificationRequestedEvent("n-wa", "BROADCAST", "b-1", "62.71", "m-1",
				"+6281234567890", "WHATSAPP", "Waspada banjir", "NORMAL", T0, null, List.of("SMS"), EXPIRES);
		Notification first = Notification.queued(whatsApp, "+6281234567890", "hash", Channel.WHATSAPP, T0);
		first.claim("token", T0);
		Notification fallback = first.fallback(T0.plusSeconds(1)).orElseThrow();

		first.unreachable("whatsapp-undeliverable", fallback.getId(), T0.plusSeconds(1));

		NotificationStatusChangedEvent failed = last(first);
		assertThat(failed.status()).isEqualTo("FAILED");
		assertThat(failed.terminal()).isTrue();
		assertThat(failed.fallbackNotificationId()).isEqualTo(fallback.getId());
		assertThat(last(fallback).fallbackOf()).isEqualTo("n-wa");
		assertThat(last(fallback).terminal()).isFalse();
		assertThat(fallback.getExpiresAt()).isEqualTo(EXPIRES);
		assertThat(fallback.expire(EXPIRES)).isTrue();
		assertThat(last(fallback).fallbackOf()).isEqualTo("n-wa");
		assertValid(first.recordedEvents());
		assertValid(fallback.recordedEvents());
	}

	private static Notification queued(Instant expiresAt) {
		return Notification.queued(request(expiresAt), "+6281234567890", "hash", Channel.SMS, T0);
	}

	private static NotificationRequestedEvent request(Instant expiresAt) {
		return new NotificationRequestedEvent("n-1", "BROADCAST", "b-1", "62.71", "m-1", "+6281234567890", "SMS",
				"Waspada banjir", "NORMAL", T0, null, null, expiresAt);
	}

	private static NotificationStatusChangedEvent last(Notification n) {
		List<KimEvent> events = n.recordedEvents();
		return (NotificationStatusChangedEvent) events.get(events.size() - 1);
	}

	private static void assertValid(List<KimEvent> events) {
		for (KimEvent event : events) {
			EventSchemas.assertValid(EventSchemas.typeOf(event.getClass()), JSON.writeValueAsString(event));
		}
	}

}
