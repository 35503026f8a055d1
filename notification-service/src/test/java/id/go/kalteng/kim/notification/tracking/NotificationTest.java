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

class NotificationTest {

	private static final Instant T0 = Instant.parse("2026-11-28T11:00:00Z");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void aNewNotificationIsQueuedAndAnnouncedSo() {
		Notification notification = queued();

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.QUEUED);
		assertThat(statuses(notification)).containsExactly("QUEUED");
		NotificationStatusChangedEvent event = (NotificationStatusChangedEvent) notification.recordedEvents().get(0);
		assertThat(event.previousStatus()).isNull();
		assertThat(event.kabupaten()).isEqualTo("62.71");
		assertValid(notification.recordedEvents());
	}

	@Test
	void anUrgentNotificationsEventsArePublishedBeforeNormalOnes() {
		NotificationRequestedEvent normal = new NotificationRequestedEvent("n-2", "BROADCAST", "b-1", "62.71", "m-1",
				"+6281234567890", "SMS", "Rapat RT", "NORMAL", T0);

		assertThat(queued().publishesFirst()).isTrue();
		assertThat(Notification.queued(normal, "+6281234567890", "hash", Channel.SMS, T0).publishesFirst()).isFalse();
	}

	@Test
	void anOptedOutRecipientGetsASuppressedNotification() {
		Notification notification = Notification.suppressed(request(), "+6281234567890", "hash", Channel.SMS, T0);

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.SUPPRESSED);
		assertThat(notification.getReason()).isEqualTo(Notification.OPTED_OUT);
		assertThat(statuses(notification)).containsExactly("SUPPRESSED");
		assertValid(notification.recordedEvents());
	}

	@Test
	void aSuccessfulSendIsSentWithThePreviousStatusQueued() {
		Notification notification = claimed();

		assertThat(notification.sent("sbx-1", T0.plusSeconds(1))).isTrue();

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.SENT);
		assertThat(notification.getProviderMessageId()).isEqualTo("sbx-1");
		assertThat(notification.getClaimToken()).isNull();
		NotificationStatusChangedEvent event = (NotificationStatusChangedEvent) notification.recordedEvents().get(1);
		assertThat(event.status()).isEqualTo("SENT");
		assertThat(event.previousStatus()).isEqualTo("QUEUED");
		assertValid(notification.recordedEvents());
	}

	@Test
	void aDeliveredReportBeforeTheSendIsRecordedIsKeptAndTheLateSentChangesNoStatus() {
		Notification notification = claimed();

		assertThat(notification.reported(NotificationStatus.DELIVERED, null, T0.plusSeconds(1))).isTrue();
		notification.sent("sbx-1", T0.plusSeconds(2));
		boolean lateSentReport = notification.reported(NotificationStatus.SENT, null, T0.plusSeconds(3));

		assertThat(lateSentReport).isFalse();
		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.DELIVERED);
		assertThat(notification.getProviderMessageId()).isEqualTo("sbx-1");
		assertThat(statuses(notification)).containsExactly("QUEUED", "DELIVERED");
	}

	@Test
	void aFailedReportAfterDeliveryIsIgnored() {
		Notification notification = claimed();
		notification.sent("sbx-1", T0);
		notification.reported(NotificationStatus.DELIVERED, null, T0);

		assertThat(notification.reported(NotificationStatus.FAILED, "expired", T0)).isFalse();

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.DELIVERED);
	}

	@Test
	void aTransientFailureQueuesTheNotificationAgainAfterTheBackoff() {
		Notification notification = claimed();

		boolean changed = notification.sendFailed(notification.getClaimToken(), "503", plan(3, 10, true), T0);

		assertThat(changed).isTrue();
		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.QUEUED);
		assertThat(notification.getAttempts()).isEqualTo(1);
		assertThat(notification.getNextAttemptAt()).isEqualTo(T0.plusSeconds(10));
		assertThat(notification.getLastError()).isEqualTo("503");
		assertThat(statuses(notification)).containsExactly("QUEUED");
	}

	@Test
	void onlyAQueuedNotificationThatIsDueCanBeClaimed() {
		Notification notification = claimed();
		notification.sendFailed("token", "503", plan(3, 10, true), T0);

		assertThat(notification.isClaimable(T0.plusSeconds(9))).isFalse();
		assertThat(notification.claim("early", T0.plusSeconds(9))).isFalse();
		assertThat(notification.isClaimable(T0.plusSeconds(10))).isTrue();
		assertThat(notification.claim("due", T0.plusSeconds(10))).isTrue();
		assertThat(notification.isClaimable(T0.plusSeconds(11))).isFalse();
		assertThat(notification.claim("again", T0.plusSeconds(11))).isFalse();
		assertThat(notification.getClaimToken()).isEqualTo("due");
		assertThat(notification.getAttempts()).isEqualTo(2);
	}

	@Test
	void aFailureWhileTheProviderIsDownSpendsNoAttempt() {
		Notification notification = queued();
		for (int attempt = 1; attempt <= 10; attempt++) {
			notification.claim("token-" + attempt, notification.getNextAttemptAt());
			notification.sendFailed("token-" + attempt, "connection refused", plan(3, 1, false), T0);
		}

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.QUEUED);
		assertThat(notification.getAttempts()).isZero();
		assertThat(notification.getNextAttemptAt()).isEqualTo(T0.plusSeconds(1));
		assertThat(statuses(notification)).containsExactly("QUEUED");
	}

	@Test
	void aSendWhoseOutcomeIsUnknownIsResentOnlyToAnIdempotentProvider() {
		Notification idempotent = claimed();
		Notification other = claimed();

		assertThat(idempotent.outcomeUnknown("token", "Read timed out", true, plan(3, 10, true), T0)).isTrue();
		assertThat(other.outcomeUnknown("token", "Read timed out", false, plan(3, 10, true), T0)).isTrue();

		assertThat(idempotent.getStatus()).isEqualTo(NotificationStatus.QUEUED);
		assertThat(idempotent.getNextAttemptAt()).isEqualTo(T0.plusSeconds(10));
		assertThat(other.getStatus()).isEqualTo(NotificationStatus.UNKNOWN);
		assertThat(other.getReason()).isEqualTo(Notification.UNKNOWN_OUTCOME);
		assertThat(other.getLastError()).isEqualTo("Read timed out");
		assertThat(other.getClaimToken()).isNull();
		// nobody knows it was sent, nor that it failed: still queued to the outside
		assertThat(statuses(other)).containsExactly("QUEUED");
	}

	@Test
	void anUnknownOutcomeOfTheLastAttemptIsUnknownNotFailedEvenOnAnIdempotentProvider() {
		Notification notification = queued();
		for (int attempt = 1; attempt <= 3; attempt++) {
			notification.claim("token-" + attempt, notification.getNextAttemptAt());
			notification.outcomeUnknown("token-" + attempt, "Read timed out", true, plan(3, 1, true), T0);
		}

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.UNKNOWN);
		assertThat(notification.getAttempts()).isEqualTo(3);
		assertThat(statuses(notification)).containsExactly("QUEUED");
	}

	@Test
	void theLastFailedAttemptFailsTheNotification() {
		Notification notification = queued();
		for (int attempt = 1; attempt <= 3; attempt++) {
			notification.claim("token-" + attempt, notification.getNextAttemptAt());
			notification.sendFailed("token-" + attempt, "503", plan(3, 1, true), T0);
		}

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.FAILED);
		assertThat(notification.getReason()).isEqualTo(Notification.MAX_ATTEMPTS);
		assertThat(notification.getAttempts()).isEqualTo(3);
		assertThat(statuses(notification)).containsExactly("QUEUED", "FAILED");
		assertValid(notification.recordedEvents());
	}

	@Test
	void onlyTheHolderOfTheClaimCanQueueItAgain() {
		Notification notification = claimed();

		assertThat(notification.sendFailed("someone-else", "503", plan(3, 1, true), T0)).isFalse();
		assertThat(notification.outcomeUnknown("someone-else", "timeout", false, plan(3, 1, true), T0)).isFalse();

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.SENDING);
	}

	@Test
	void anExpiredClaimIsSentAgainWhileAttemptsAreLeftWhateverTheProvider() {
		// issue #13: kill -9 of notification-service between a claim and its send left
		// the claimed messages UNKNOWN for good (never sent, no report ever came): lost
		Notification idempotent = claimed();
		Notification other = claimed();
		Instant cutoff = T0.plusSeconds(1);

		assertThat(idempotent.leaseExpired(cutoff, true, 5, T0.plusSeconds(2))).isTrue();
		assertThat(other.leaseExpired(cutoff, false, 5, T0.plusSeconds(2))).isTrue();

		assertThat(idempotent.getStatus()).isEqualTo(NotificationStatus.QUEUED);
		assertThat(idempotent.getClaimToken()).isNull();
		assertThat(other.getStatus()).isEqualTo(NotificationStatus.QUEUED);
		assertThat(other.getClaimToken()).isNull();
		assertThat(other.getClaimedAt()).isNull();
		assertThat(statuses(other)).containsExactly("QUEUED");
	}

	@Test
	void anExpiredClaimWithNoAttemptsLeftIsUnknownNeverFailed() {
		Notification notification = claimed();

		assertThat(notification.leaseExpired(T0.plusSeconds(1), false, notification.getAttempts(), T0.plusSeconds(2)))
			.isTrue();

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.UNKNOWN);
		assertThat(notification.getReason()).isEqualTo(Notification.UNKNOWN_OUTCOME);
		assertThat(notification.getClaimedAt()).isNull();
	}

	@Test
	void aClaimWithinItsLeaseIsLeftAlone() {
		Notification notification = claimed();

		assertThat(notification.leaseExpired(T0.minusSeconds(1), false, 5, T0)).isFalse();

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.SENDING);
	}

	@Test
	void aDeliveryReportSettlesAnUnknownOutcome() {
		Notification delivered = claimed();
		delivered.leaseExpired(T0.plusSeconds(1), false, delivered.getAttempts(), T0.plusSeconds(2));
		Notification failed = claimed();
		failed.outcomeUnknown("token", "Read timed out", false, plan(3, 1, true), T0);

		assertThat(delivered.reported(NotificationStatus.DELIVERED, null, T0.plusSeconds(3))).isTrue();
		assertThat(failed.reported(NotificationStatus.FAILED, "undeliverable", T0.plusSeconds(3))).isTrue();

		assertThat(delivered.getStatus()).isEqualTo(NotificationStatus.DELIVERED);
		assertThat(statuses(delivered)).containsExactly("QUEUED", "DELIVERED");
		assertThat(failed.getStatus()).isEqualTo(NotificationStatus.FAILED);
		assertThat(failed.getReason()).isEqualTo("undeliverable");
		assertValid(delivered.recordedEvents());
	}

	@Test
	void theLateAnswerOfASendWhoseOutcomeWasUnknownRecordsItSent() {
		Notification notification = claimed();
		notification.leaseExpired(T0.plusSeconds(1), false, notification.getAttempts(), T0.plusSeconds(2));

		assertThat(notification.sent("sbx-1", T0.plusSeconds(3))).isTrue();

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.SENT);
		assertThat(notification.getProviderMessageId()).isEqualTo("sbx-1");
		assertThat(statuses(notification)).containsExactly("QUEUED", "SENT");
	}

	@Test
	void anOrdinaryFailureIsFinal() {
		Notification notification = claimed();
		notification.refused("invalid-number", T0);

		assertThat(notification.reported(NotificationStatus.DELIVERED, null, T0)).isFalse();
		notification.sent("late", T0);

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.FAILED);
		assertThat(statuses(notification)).containsExactly("QUEUED", "FAILED");
	}

	@Test
	void anErasedMembersQueuedNotificationIsSuppressedAndForgetsThePhoneAndText() {
		Notification notification = queued();

		assertThat(notification.erase(T0.plusSeconds(1))).isTrue();

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.SUPPRESSED);
		assertThat(notification.getReason()).isEqualTo(Notification.ERASED);
		assertThat(notification.isErased()).isTrue();
		assertThat(notification.getErasedAt()).isEqualTo(T0.plusSeconds(1));
		assertThat(notification.getPhone()).isNull();
		assertThat(notification.getPhoneHash()).isNull();
		assertThat(notification.getText()).isNull();
		assertThat(notification.getMemberId()).isEqualTo("m-1");
		assertThat(statuses(notification)).containsExactly("QUEUED", "SUPPRESSED");
		assertValid(notification.recordedEvents());
		assertThat(notification.erase(T0.plusSeconds(2))).isFalse();
		assertThat(notification.getErasedAt()).isEqualTo(T0.plusSeconds(1));
	}

	@Test
	void anErasedMembersClaimedNotificationIsSuppressedBeforeItIsSent() {
		Notification notification = claimed();

		assertThat(notification.erase(T0.plusSeconds(1))).isTrue();

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.SUPPRESSED);
		assertThat(notification.getClaimToken()).isNull();
		notification.sent("sbx-1", T0.plusSeconds(2));
		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.SUPPRESSED);
		assertThat(statuses(notification)).containsExactly("QUEUED", "SUPPRESSED");
	}

	@Test
	void anErasedMembersSentNotificationKeepsItsStatusButNotThePhone() {
		Notification notification = claimed();
		notification.sent("sbx-1", T0.plusSeconds(1));

		assertThat(notification.erase(T0.plusSeconds(2))).isTrue();

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.SENT);
		assertThat(notification.getAttempts()).isEqualTo(1);
		assertThat(notification.getProviderMessageId()).isEqualTo("sbx-1");
		assertThat(notification.getPhone()).isNull();
		assertThat(statuses(notification)).containsExactly("QUEUED", "SENT");
		assertThat(notification.reported(NotificationStatus.DELIVERED, null, T0.plusSeconds(3))).isTrue();
	}

	@Test
	void aRequestForAnErasedMemberIsSuppressedWithoutItsPhone() {
		Notification notification = Notification.forErasedMember(request(), Channel.SMS, T0);

		assertThat(notification.getStatus()).isEqualTo(NotificationStatus.SUPPRESSED);
		assertThat(notification.getReason()).isEqualTo(Notification.ERASED);
		assertThat(notification.getPhone()).isNull();
		assertThat(notification.getText()).isNull();
		assertThat(notification.isErased()).isTrue();
		assertThat(statuses(notification)).containsExactly("SUPPRESSED");
		assertValid(notification.recordedEvents());
	}

	@Test
	void urgentRequestsRankBeforeNormalOnes() {
		assertThat(Priority.parse("URGENT").rank()).isLessThan(Priority.parse("NORMAL").rank());
		assertThat(Priority.parse(null)).isEqualTo(Priority.NORMAL);
	}

	private static Notification.RetryPlan plan(int maxAttempts, int backoffSeconds, boolean attemptCounts) {
		return new Notification.RetryPlan(maxAttempts, Duration.ofSeconds(backoffSeconds), attemptCounts);
	}

	@Test
	void aWhatsAppNotificationTheChannelCannotReachFallsBackToTheConsentedSmsOnceLinkedBothWays() {
		NotificationRequestedEvent whatsApp = new NotificationRequestedEvent("n-wa", "BROADCAST", "b-1", "62.71", "m-1",
				"+6281234567890", "WHATSAPP", "Waspada banjir", "NORMAL", T0, null, List.of("SMS", "WHATSAPP"));
		Notification first = Notification.queued(whatsApp, "+6281234567890", "hash", Channel.WHATSAPP, T0);
		assertThat(first.getFallbackChannels()).containsExactly(Channel.SMS);
		first.claim("token", T0);

		Notification fallback = first.fallback(T0.plusSeconds(1)).orElseThrow();
		assertThat(fallback.getId()).isEqualTo(Notification.fallbackIdOf("n-wa", Channel.SMS))
			.isEqualTo(first.fallback(T0.plusSeconds(5)).orElseThrow().getId());
		assertThat(fallback.getChannel()).isEqualTo(Channel.SMS);
		assertThat(fallback.getStatus()).isEqualTo(NotificationStatus.QUEUED);
		assertThat(fallback.getFallbackOf()).isEqualTo("n-wa");
		assertThat(fallback.getFallbackChannels()).isEmpty();
		assertThat(fallback.fallback(T0)).isEmpty();
		assertThat(fallback.getRequestedAt()).isEqualTo(T0);
		assertThat(fallback.getText()).isEqualTo("Waspada banjir");
		assertThat(((NotificationStatusChangedEvent) fallback.recordedEvents().get(0)).fallbackOf()).isEqualTo("n-wa");
		assertValid(fallback.recordedEvents());

		assertThat(first.unreachable("whatsapp-undeliverable", fallback.getId(), T0)).isTrue();
		NotificationStatusChangedEvent failed = (NotificationStatusChangedEvent) first.recordedEvents()
			.get(first.recordedEvents().size() - 1);
		assertThat(failed.status()).isEqualTo("FAILED");
		assertThat(failed.reason()).isEqualTo("whatsapp-undeliverable");
		assertThat(failed.fallbackNotificationId()).isEqualTo(fallback.getId());
		assertValid(first.recordedEvents());
		// a late report of the same failure changes nothing
		assertThat(first.unreachable("whatsapp-undeliverable", fallback.getId(), T0)).isFalse();
	}

	@Test
	void withoutAConsentedFallbackChannelThereIsNoFallback() {
		Notification notification = queued();
		assertThat(notification.fallback(T0)).isEmpty();
		notification.erase(T0);
		assertThat(notification.fallback(T0)).isEmpty();
	}

	@Test
	void aConfirmationIsUrgentAndMarkedToPassTheOptOut() {
		Notification confirmation = Notification.confirmation("c-1", "+6281234567890", "hash", Channel.SMS, "62.71",
				"Anda tidak akan menerima pesan", T0);
		assertThat(confirmation.isConfirmation()).isTrue();
		assertThat(confirmation.getPriority()).isEqualTo(Priority.URGENT);
		assertThat(confirmation.getSourceType()).isEqualTo("SYSTEM");
		assertValid(confirmation.recordedEvents());
	}

	private static Notification queued() {
		return Notification.queued(request(), "+6281234567890", "hash", Channel.SMS, T0);
	}

	private static Notification claimed() {
		Notification notification = queued();
		notification.claim("token", T0);
		return notification;
	}

	private static NotificationRequestedEvent request() {
		return new NotificationRequestedEvent("n-1", "BROADCAST", "b-1", "62.71", "m-1", "+6281234567890", "SMS",
				"Waspada banjir", "URGENT", T0);
	}

	private static List<String> statuses(Notification notification) {
		return notification.recordedEvents()
			.stream()
			.map((event) -> ((NotificationStatusChangedEvent) event).status())
			.toList();
	}

	private static void assertValid(List<KimEvent> events) {
		for (KimEvent event : events) {
			EventSchemas.assertValid(EventSchemas.typeOf(event.getClass()), JSON.writeValueAsString(event));
		}
	}

}
