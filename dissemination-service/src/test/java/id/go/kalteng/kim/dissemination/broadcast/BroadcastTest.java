package id.go.kalteng.kim.dissemination.broadcast;

import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.dissemination.BroadcastApprovedEvent;
import id.go.kalteng.kim.contracts.dissemination.BroadcastTarget;
import id.go.kalteng.kim.support.domain.DomainException;
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
				"operator-1", null, NOW);
	}

	static Broadcast.Content content(String message, List<String> kabupaten) {
		return new Broadcast.Content("Banjir", message, List.of(Channel.WHATSAPP, Channel.SMS), Priority.URGENT,
				new BroadcastTarget(kabupaten, List.of(), List.of(), List.of(), List.of(), List.of()));
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
		assertThatThrownBy(() -> broadcast.approve("operator-1", NOW)).isInstanceOfSatisfying(DomainException.class,
				(ex) -> assertThat(ex.type()).contains("four-eyes"));
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.PENDING_APPROVAL);
		assertThat(broadcast.recordedEvents()).isEmpty();
	}

	@Test
	void aDraftCannotBeApprovedWithoutBeingSubmitted() {
		Broadcast broadcast = draft(List.of());
		assertThatThrownBy(() -> broadcast.approve("operator-2", NOW)).isInstanceOfSatisfying(DomainException.class,
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
				"operator-1", NOW);
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.DRAFT);
		broadcast.submit(NOW);
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.PENDING_APPROVAL);
	}

	@Test
	void anApprovedBroadcastCannotBeEditedButCanBeCancelledOnceInFlight() {
		Broadcast broadcast = draft(List.of());
		broadcast.submit(NOW);
		broadcast.approve("operator-2", NOW);
		assertThatThrownBy(() -> broadcast
			.edit(new Broadcast.Content("x", "y", List.of(Channel.SMS), Priority.NORMAL, null), "operator-1", NOW))
			.isInstanceOf(DomainException.class);
		broadcast.cancel(NOW);
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.CANCELLED);
		assertThatThrownBy(() -> broadcast.cancel(NOW)).isInstanceOf(DomainException.class);
		assertThatThrownBy(() -> broadcast
			.edit(new Broadcast.Content("x", "y", List.of(Channel.SMS), Priority.NORMAL, null), "operator-1", NOW))
			.isInstanceOf(DomainException.class);
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
		assertThatThrownBy(() -> broadcast.submit(NOW)).isInstanceOf(DomainException.class);
	}

	@Test
	void whoeverChangedTheContentCannotApproveIt() {
		Broadcast broadcast = Broadcast.draft("b-2", content("Waspada banjir", List.of("62.71")), "agency-6271",
				"62.71", NOW);
		assertThat(broadcast.edit(content("Waspada banjir besar", List.of("62.71")), "operator-1", NOW)).isTrue();
		broadcast.submit(NOW);
		assertThatThrownBy(() -> broadcast.approve("operator-1", NOW)).isInstanceOfSatisfying(DomainException.class,
				(ex) -> assertThat(ex.type()).isEqualTo("four-eyes"));
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.PENDING_APPROVAL);
		assertThat(broadcast.recordedEvents()).isEmpty();
		broadcast.approve("operator-2", NOW);
		assertThat(broadcast.getApprovedBy()).isEqualTo("operator-2");
		assertThat(broadcast.getContributors()).containsExactly("agency-6271", "operator-1");
	}

	@Test
	void everyKindOfChangeMakesTheEditorAContributor() {
		List<Broadcast.Content> changes = List.of(
				new Broadcast.Content("Banjir!", "Waspada banjir", List.of(Channel.WHATSAPP, Channel.SMS),
						Priority.URGENT, null),
				new Broadcast.Content("Banjir", "Waspada banjir", List.of(Channel.SMS), Priority.URGENT, null),
				new Broadcast.Content("Banjir", "Waspada banjir", List.of(Channel.WHATSAPP, Channel.SMS),
						Priority.NORMAL, null),
				content("Waspada banjir", List.of("62.01")));
		for (Broadcast.Content change : changes) {
			Broadcast broadcast = draft(List.of());
			assertThat(broadcast.edit(change, "operator-2", NOW)).as(change.toString()).isTrue();
			assertThat(broadcast.getContributors()).as(change.toString()).contains("operator-2");
		}
	}

	@Test
	void anEditThatChangesNothingMakesNoContributor() {
		Broadcast broadcast = draft(List.of("62.71"));
		broadcast.submit(NOW);
		assertThat(broadcast.edit(content("Waspada banjir", List.of("62.71", "62.71")), "operator-2", NOW)).isFalse();
		assertThat(broadcast.getContributors()).containsExactly("operator-1");
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.PENDING_APPROVAL);
		broadcast.approve("operator-2", NOW);
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.APPROVED);
	}

	@Test
	void aChangeAfterSubmissionSendsTheBroadcastBackToDraft() {
		Broadcast broadcast = draft(List.of("62.71"));
		broadcast.submit(NOW);
		broadcast.edit(content("Waspada banjir, evakuasi sekarang", List.of()), "operator-2", NOW);
		assertThat(broadcast.getStatus()).isEqualTo(BroadcastStatus.DRAFT);
		assertThatThrownBy(() -> broadcast.approve("operator-3", NOW)).isInstanceOfSatisfying(DomainException.class,
				(ex) -> assertThat(ex.type()).isEqualTo("broadcast-state"));
		broadcast.submit(NOW);
		broadcast.approve("operator-3", NOW);
		assertThat(((BroadcastApprovedEvent) broadcast.recordedEvents().get(0)).message())
			.isEqualTo("Waspada banjir, evakuasi sekarang");
	}

	@Test
	void anAgencysBroadcastStaysWithinItsKabupatenWhoeverEditsIt() {
		Broadcast broadcast = Broadcast.draft("b-3", content("Waspada banjir", List.of("62.71")), "agency-6271",
				"62.71", NOW);
		for (List<String> wider : List.of(List.<String>of(), List.of("62.01"), List.of("62.71", "62.01"))) {
			assertThatThrownBy(() -> broadcast.edit(content("Waspada banjir", wider), "operator-1", NOW))
				.isInstanceOfSatisfying(DomainException.class,
						(ex) -> assertThat(ex.type()).isEqualTo("broadcast-scope"));
		}
		assertThat(broadcast.getTarget().kabupaten()).containsExactly("62.71");
		assertThat(broadcast.getContributors()).containsExactly("agency-6271");
		assertThatThrownBy(() -> Broadcast.draft("b-4", content("x", List.of("62.01")), "agency-6271", "62.71", NOW))
			.isInstanceOf(DomainException.class);
	}

	@Test
	void aBroadcastStoredBeforeContributorsWereKeptHasItsAuthorAsContributor() {
		Broadcast stored = new Broadcast("b-5", "Banjir", "Waspada", List.of(Channel.SMS), Priority.NORMAL,
				Broadcast.normalize(null), "operator-1", null, null, "62", BroadcastStatus.PENDING_APPROVAL, null, null,
				null, NOW, NOW);
		assertThat(stored.getContributors()).containsExactly("operator-1");
		assertThatThrownBy(() -> stored.approve("operator-1", NOW)).isInstanceOf(DomainException.class);
	}

}
