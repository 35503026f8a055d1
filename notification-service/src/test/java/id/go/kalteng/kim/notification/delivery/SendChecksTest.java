package id.go.kalteng.kim.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.notification.erasure.Erasures;
import id.go.kalteng.kim.notification.optout.ConversationWindows;
import id.go.kalteng.kim.notification.optout.OptOuts;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

/**
 * The send-time checks of a claim round, whose look-ups now run side by side: the same
 * answers as one after the other (an erasure wins over an opt-out and a window), and a
 * failing look-up fails the round with its own exception (the lane then gives the claims
 * back), not a wrapper.
 */
class SendChecksTest {

	private static final Instant T0 = Instant.parse("2026-12-01T03:00:00Z");

	private final Erasures erasures = mock(Erasures.class);

	private final OptOuts optOuts = mock(OptOuts.class);

	private final ConversationWindows windows = mock(ConversationWindows.class);

	private final ChannelProvider cloudApi = mock(ChannelProvider.class, withSettings().defaultAnswer((invocation) -> {
		if (invocation.getMethod().getName().equals("usesConversationWindow")) {
			return true;
		}
		return org.mockito.Answers.RETURNS_DEFAULTS.answer(invocation);
	}));

	private final DeliveryAttempt attempt = new DeliveryAttempt(null, null, this.optOuts, this.erasures, null,
			properties(), new SimpleMeterRegistry(), null, this.windows, null, null, null);

	/** Only what the attempt reads when it is made: the backoff. */
	private static NotificationProperties properties() {
		NotificationProperties properties = mock(NotificationProperties.class,
				withSettings().defaultAnswer(org.mockito.Answers.RETURNS_DEEP_STUBS));
		given(properties.delivery().backoffInitial()).willReturn(Duration.ofSeconds(10));
		given(properties.delivery().backoffMultiplier()).willReturn(2.0);
		given(properties.delivery().backoffMax()).willReturn(Duration.ofMinutes(15));
		return properties;
	}

	@AfterEach
	void stop() {
		this.attempt.destroy();
	}

	@Test
	void anErasureWinsOverAnOptOutAndAnOpenWindowAndEachLookUpAnswersForItsOwn() {
		List<Notification> round = List.of(notification("n-1", "m-1", "h-1"), notification("n-2", "m-2", "h-2"),
				notification("n-3", "m-3", "h-3"), notification("n-4", "m-4", "h-4"));
		given(this.erasures.erasedMembers(anyCollection())).willReturn(new HashSet<>(Set.of("m-1")));
		given(this.erasures.erasedPhones(anyCollection())).willReturn(new HashSet<>(Set.of("h-2")));
		given(this.optOuts.optedOut(anyCollection()))
			.willReturn(Set.of(OptOuts.key("h-1", Channel.WHATSAPP), OptOuts.key("h-3", Channel.WHATSAPP)));
		given(this.windows.openAmong(anyCollection())).willReturn(Set.of("h-2", "h-4"));

		DeliveryAttempt.SendChecks checks = this.attempt.check(round, this.cloudApi);

		assertThat(checks.erased()).containsExactlyInAnyOrder("n-1", "n-2");
		assertThat(checks.optedOut()).containsExactly("n-3");
		assertThat(checks.freeText()).containsExactly("n-4");
	}

	@Test
	void aFailingLookUpFailsTheRoundWithItsOwnException() {
		given(this.erasures.erasedMembers(anyCollection())).willReturn(new HashSet<>());
		given(this.erasures.erasedPhones(anyCollection()))
			.willThrow(new DataAccessResourceFailureException("database away"));
		given(this.optOuts.optedOut(anyCollection())).willReturn(Set.of());
		given(this.windows.openAmong(anyCollection())).willReturn(Set.of());

		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> this.attempt.check(List.of(notification("n-1", "m-1", "h-1")), this.cloudApi))
			.withMessage("database away");
	}

	private static Notification notification(String id, String member, String phoneHash) {
		NotificationRequestedEvent request = new NotificationRequestedEvent(id, "BROADCAST", "b-1", "62.71", member,
				"+628123456780" + id.charAt(id.length() - 1), "WHATSAPP", "Waspada banjir", "NORMAL", T0);
		return Notification.queued(request, request.phone(), phoneHash, Channel.WHATSAPP, T0);
	}

}
