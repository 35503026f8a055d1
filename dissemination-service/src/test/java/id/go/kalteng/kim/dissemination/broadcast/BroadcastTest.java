package id.go.kalteng.kim.dissemination.broadcast;

import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.dissemination.BroadcastApprovedEvent;
import id.go.kalteng.kim.contracts.dissemination.BroadcastTarget;
import id.go.kalteng.kim.support.web.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BroadcastTest {

	private static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");

	static Broadcast draft(List<String> kabupaten) {
		return Broadcast.draft("b-1",
				new Broadcast.Content("Banjir", "Waspada banjir", List.of(Channel.WHATSAPP, Channel.SMS),
						Priority.URGENT,
						new BroadcastTarget(kabupaten, List.of(), List.of(), List.of(), List.of(), List.of())),
				"operator-1", NOW);
	}

	@Test
	void approvalRecordsTheApprovedEventWithTheSingleTargetedKabupaten() {
		Broadcast broadcast = draft(List.of("62.71"));
		broadcast.submit(NOW);
		broadcast.approve("operator-2", NOW);
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.APPROVED);
		assertThat(broadcast.getApprovedBy()).isEqualTo("operator-2");
		assertThat(broadcast.recordedEvents()).singleElement()
			.isInstanceOfSatisfying(BroadcastApprovedEvent.class, (event) -> {
				assertThat(event.kabupaten()).isEqualTo("62.71");
				assertThat(event.channels()).containsExactly("WHATSAPP", "SMS");
				assertThat(event.author()).isEqualTo("operator-1");
			});
	}

	@Test
	void aBroadcastForSeveralKabupatenIsScopedToTheProvince() {
		Broadcast broadcast = draft(List.of("62.71", "62.01"));
		broadcast.submit(NOW);
		broadcast.approve("operator-2", NOW);
		assertThat(((BroadcastApprovedEvent) broadcast.recordedEvents().get(0)).kabupaten()).isEqualTo("62");
		assertThat(draft(List.of()).getScope()).isEqualTo("62");
	}

	@Test
	void theAuthorCannotApproveTheirOwnBroadcast() {
		Broadcast broadcast = draft(List.of());
		broadcast.submit(NOW);
		assertThatThrownBy(() -> broadcast.approve("operator-1", NOW)).isInstanceOfSatisfying(ApiException.class,
				(ex) -> assertThat(ex.type()).contains("four-eyes"));
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.PENDING_APPROVAL);
		assertThat(broadcast.recordedEvents()).isEmpty();
	}

	@Test
	void aDraftCannotBeApprovedWithoutBeingSubmitted() {
		Broadcast broadcast = draft(List.of());
		assertThatThrownBy(() -> broadcast.approve("operator-2", NOW)).isInstanceOfSatisfying(ApiException.class,
				(ex) -> assertThat(ex.type()).contains("broadcast-state"));
	}

	@Test
	void aRejectedBroadcastCanBeEditedAndSubmittedAgain() {
		Broadcast broadcast = draft(List.of());
		broadcast.submit(NOW);
		broadcast.reject("typo", NOW);
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.REJECTED);
		assertThat(broadcast.getRejectionReason()).isEqualTo("typo");
		broadcast.edit(new Broadcast.Content("Banjir", "Waspada banjir!", List.of(Channel.SMS), Priority.NORMAL, null),
				NOW);
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.DRAFT);
		broadcast.submit(NOW);
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.PENDING_APPROVAL);
	}

	@Test
	void anApprovedBroadcastCanNeitherBeCancelledNorEdited() {
		Broadcast broadcast = draft(List.of());
		broadcast.submit(NOW);
		broadcast.approve("operator-2", NOW);
		assertThatThrownBy(() -> broadcast.cancel(NOW)).isInstanceOf(ApiException.class);
		assertThatThrownBy(
				() -> broadcast.edit(new Broadcast.Content("x", "y", List.of(Channel.SMS), Priority.NORMAL, null), NOW))
			.isInstanceOf(ApiException.class);
	}

	@Test
	void markingSendingTwiceKeepsTheFirstCount() {
		Broadcast broadcast = draft(List.of());
		broadcast.submit(NOW);
		broadcast.approve("operator-2", NOW);
		assertThat(broadcast.markSending(3, NOW)).isTrue();
		assertThat(broadcast.markSending(5, NOW)).isFalse();
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.SENDING);
		assertThat(broadcast.getRecipients()).isEqualTo(3);
	}

	@Test
	void aDraftCanBeCancelled() {
		Broadcast broadcast = draft(List.of());
		broadcast.cancel(NOW);
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.CANCELLED);
		assertThatThrownBy(() -> broadcast.submit(NOW)).isInstanceOf(ApiException.class);
	}

}
