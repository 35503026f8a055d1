package id.go.kalteng.kim.dissemination.broadcast;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import id.go.kalteng.kim.contracts.dissemination.BroadcastApprovedEvent;
import id.go.kalteng.kim.contracts.dissemination.BroadcastCancelledEvent;
import id.go.kalteng.kim.contracts.dissemination.BroadcastTarget;
import id.go.kalteng.kim.dissemination.recipient.ActiveRecipients;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The lifecycle DRAFT → PENDING_APPROVAL → APPROVED/SCHEDULED → SENDING → COMPLETED, and
 * CANCELLED, EXPIRED, with their times, on a clock the test moves.
 */
class BroadcastLifecycleTest {

	static final Instant START = Instant.parse("2026-12-01T03:00:00Z");

	final MutableClock clock = new MutableClock(START);

	Broadcast submitted(Instant scheduledAt, Instant expiresAt) {
		Broadcast broadcast = Broadcast.draft("b-1",
				new Broadcast.Content("Banjir", "Waspada banjir", List.of(Channel.SMS), Priority.URGENT,
						new BroadcastTarget(List.of("62.71"), null, null, null, null, null), null, scheduledAt,
						expiresAt),
				"operator-1", null, this.clock.instant());
		broadcast.submit(this.clock.instant());
		return broadcast;
	}

	@Test
	void aScheduledBroadcastWaitsForItsTimeThenStartsOnce() {
		Instant at = START.plus(Duration.ofHours(2));
		Broadcast broadcast = submitted(at, null);
		broadcast.approve("operator-2", this.clock.instant());
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.SCHEDULED);
		assertThat(broadcast.recordedEvents()).isEmpty();

		this.clock.advance(Duration.ofHours(2).minusSeconds(1));
		assertThat(broadcast.releaseIfDue(this.clock.instant())).isFalse();
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.SCHEDULED);

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(broadcast.releaseIfDue(this.clock.instant())).isTrue();
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.APPROVED);
		assertThat(broadcast.recordedEvents()).singleElement().isInstanceOf(BroadcastApprovedEvent.class);
		assertThat(broadcast.releaseIfDue(this.clock.instant())).as("a second instance finds it started").isFalse();
		assertThat(broadcast.recordedEvents()).hasSize(1);
	}

	@Test
	void aBroadcastApprovedAfterItsScheduledTimeStartsAtOnce() {
		Broadcast broadcast = submitted(START.plusSeconds(60), null);
		this.clock.advance(Duration.ofMinutes(5));
		broadcast.approve("operator-2", this.clock.instant());
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.APPROVED);
		assertThat(broadcast.recordedEvents()).singleElement().isInstanceOf(BroadcastApprovedEvent.class);
	}

	@Test
	void aScheduleInThePastOrAnExpiryBeforeTheScheduleIsRefused() {
		assertThatThrownBy(() -> submitted(START.minusSeconds(1), null)).isInstanceOf(DomainException.class)
			.hasMessageContaining("invalid");
		assertThatThrownBy(() -> submitted(START.plusSeconds(600), START.plusSeconds(300)))
			.isInstanceOf(DomainException.class);
	}

	@Test
	void sendingEndsCompletedWhenEveryMessageIsFinalAfterTheFanOut() {
		Broadcast broadcast = submitted(null, null);
		broadcast.approve("operator-2", this.clock.instant());
		assertThat(broadcast.needsFanOut()).isTrue();
		assertThat(broadcast.dispatched(500, this.clock.instant())).isTrue();
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.SENDING);
		assertThat(broadcast.getRecipients()).isEqualTo(500);
		assertThat(broadcast.dispatched(500, this.clock.instant())).as("a redone batch").isFalse();
		assertThat(broadcast.completeIfDone(500, this.clock.instant())).as("the fan-out still runs").isFalse();

		broadcast.fanOutFinished(700, 0, this.clock.instant());
		assertThat(broadcast.needsFanOut()).isFalse();
		assertThat(broadcast.completeIfDone(699, this.clock.instant())).isFalse();
		this.clock.advance(Duration.ofMinutes(3));
		assertThat(broadcast.completeIfDone(700, this.clock.instant())).isTrue();
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.COMPLETED);
		assertThat(broadcast.getCompletedAt()).isEqualTo(START.plus(Duration.ofMinutes(3)));
		assertThat(broadcast.getEndedAt()).isEqualTo(broadcast.getCompletedAt());
		assertThat(broadcast.completeIfDone(700, this.clock.instant())).isFalse();
	}

	@Test
	void anExpiryBeforeTheScheduledStartEndsItExpiredWithNothingSent() {
		Broadcast broadcast = submitted(START.plusSeconds(600), START.plusSeconds(900));
		broadcast.approve("operator-2", this.clock.instant());
		assertThat(broadcast.expireIfDue(this.clock.instant())).isFalse();
		this.clock.advance(Duration.ofSeconds(901));
		// the timer was late: the start and the expiry are both due
		assertThat(broadcast.releaseIfDue(this.clock.instant())).isTrue();
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.EXPIRED);
		assertThat(broadcast.getEndedAt()).isEqualTo(this.clock.instant());
		assertThat(broadcast.recordedEvents()).isEmpty();
	}

	@Test
	void anExpiryWhileSendingEndsItCompletedAndStopsTheFanOut() {
		Broadcast broadcast = submitted(null, START.plusSeconds(3600));
		broadcast.approve("operator-2", this.clock.instant());
		broadcast.dispatched(500, this.clock.instant());
		assertThat(broadcast.fanOutMustStop(this.clock.instant())).isFalse();
		this.clock.advance(Duration.ofHours(1));
		assertThat(broadcast.fanOutMustStop(this.clock.instant())).isTrue();
		assertThat(broadcast.expireIfDue(this.clock.instant())).isTrue();
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.COMPLETED);
		assertThat(broadcast.getCompletedAt()).isEqualTo(START.plusSeconds(3600));
		broadcast.fanOutFinished(2000, 1500, this.clock.instant());
		assertThat(broadcast.getUnsentExpired()).isEqualTo(1500);
		assertThat(broadcast.getRecipients()).isEqualTo(2000);
	}

	@Test
	void anApprovalAfterTheExpiryIsRefused() {
		Broadcast broadcast = submitted(null, START.plusSeconds(60));
		this.clock.advance(Duration.ofSeconds(60));
		assertThatThrownBy(() -> broadcast.approve("operator-2", this.clock.instant()))
			.isInstanceOfSatisfying(DomainException.class, (ex) -> assertThat(ex.type()).contains("broadcast-expired"));
	}

	@Test
	void aCancelInFlightRecordsTheCancellationInTheSameChangeAndCountsWhatWasNotSent() {
		Broadcast broadcast = submitted(null, null);
		broadcast.approve("operator-2", this.clock.instant());
		broadcast.dispatched(500, this.clock.instant());
		this.clock.advance(Duration.ofSeconds(10));
		broadcast.cancel("operator-2", this.clock.instant());
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.CANCELLED);
		assertThat(broadcast.getEndedAt()).isEqualTo(this.clock.instant());
		assertThat(broadcast.getCancelledBy()).isEqualTo("operator-2");
		assertThat(broadcast.recordedEvents()).last().isInstanceOfSatisfying(BroadcastCancelledEvent.class, (e) -> {
			assertThat(e.broadcastId()).isEqualTo("b-1");
			assertThat(e.kabupaten()).isEqualTo("62.71");
			assertThat(e.cancelledAt()).isEqualTo(this.clock.instant());
		});
		assertThat(broadcast.fanOutMustStop(this.clock.instant())).isTrue();
		assertThat(broadcast.fanOutFinished(1200, 700, this.clock.instant())).isTrue();
		assertThat(broadcast.getUnsentCancelled()).isEqualTo(700);
		assertThat(broadcast.completeIfDone(1200, this.clock.instant())).as("a cancelled one stays CANCELLED")
			.isFalse();
		assertThatThrownBy(() -> broadcast.cancel("operator-1", this.clock.instant()))
			.isInstanceOf(DomainException.class);
	}

	@Test
	void aScheduledBroadcastCancelledNeverStarts() {
		Broadcast broadcast = submitted(START.plusSeconds(600), null);
		broadcast.approve("operator-2", this.clock.instant());
		broadcast.cancel("operator-1", this.clock.instant());
		assertThat(broadcast.recordedEvents()).singleElement().isInstanceOf(BroadcastCancelledEvent.class);
		this.clock.advance(Duration.ofSeconds(600));
		assertThat(broadcast.releaseIfDue(this.clock.instant())).isFalse();
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.CANCELLED);
	}

	@Test
	void aDraftCancelledPublishesNothing() {
		Broadcast broadcast = submitted(null, null);
		broadcast.cancel("operator-1", this.clock.instant());
		assertThat(broadcast.recordedEvents()).isEmpty();
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.CANCELLED);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theServicesTimerStartsADueBroadcastAtTheClocksTime() {
		AggregateStore store = mock(AggregateStore.class);
		BroadcastService service = new BroadcastService(store, mock(MongoTemplate.class), mock(ActiveRecipients.class),
				mock(DeliveryProgress.class), this.clock, mock(WhatsAppTemplates.class), mock(SentBroadcasts.class));
		Broadcast broadcast = submitted(START.plusSeconds(30), null);
		broadcast.approve("operator-2", this.clock.instant());
		given(store.findById("b-1", Broadcast.class)).willReturn(Optional.of(broadcast));
		given(store.changeIfPresent(eq("b-1"), eq(Broadcast.class), any(Predicate.class)))
			.willAnswer((call) -> call.<Predicate<Broadcast>>getArgument(2).test(broadcast));

		assertThat(service.timerDue("b-1").getStatus()).isEqualTo(BroadcastStatus.SCHEDULED);
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(service.timerDue("b-1").getStatus()).isEqualTo(BroadcastStatus.APPROVED);
		assertThat(broadcast.getUpdatedAt()).isEqualTo(START.plusSeconds(30));
	}

}
