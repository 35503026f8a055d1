package id.go.kalteng.kim.dissemination.dispatch;

import id.go.kalteng.kim.contracts.notification.NotificationStatusChangedEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchStatusTest {

	@Test
	void statusesOnlyMoveForwardAndTerminalStatusesStay() {
		assertThat(DispatchStatus.DELIVERED.reachableFrom()).containsExactly(DispatchStatus.QUEUED, DispatchStatus.SENT,
				DispatchStatus.SENT_FINAL);
		assertThat(DispatchStatus.SENT.reachableFrom()).containsExactly(DispatchStatus.QUEUED);
		assertThat(DispatchStatus.CANCELLED.reachableFrom()).containsExactly(DispatchStatus.QUEUED);
		assertThat(DispatchStatus.EXPIRED.reachableFrom()).containsExactly(DispatchStatus.QUEUED);
		assertThat(DispatchStatus.SENT.reachableFrom()).doesNotContain(DispatchStatus.DELIVERED);
		assertThat(DispatchStatus.READ.reachableFrom()).doesNotContain(DispatchStatus.FAILED,
				DispatchStatus.SUPPRESSED);
		assertThat(DispatchStatus.FAILED.reachableFrom()).doesNotContain(DispatchStatus.SUPPRESSED,
				DispatchStatus.READ);
	}

	@Test
	void onlyQueuedAndANonFinalSentAwaitALaterStatus() {
		assertThat(java.util.Arrays.stream(DispatchStatus.values()).filter((s) -> !s.isFinal()))
			.containsExactly(DispatchStatus.QUEUED, DispatchStatus.SENT);
	}

	@Test
	void aTerminalSentIsFinalAndOtherStatusesKeepTheirName() {
		assertThat(DispatchProgress.statusOf(new NotificationStatusChangedEvent("n", "BROADCAST", "b", "62.71", "SMS",
				"SENT", "QUEUED", null, null, null, null, true)))
			.isEqualTo(DispatchStatus.SENT_FINAL);
		assertThat(DispatchProgress.statusOf(new NotificationStatusChangedEvent("n", "BROADCAST", "b", "62.71", "SMS",
				"SENT", "QUEUED", null, null, null, null, false)))
			.isEqualTo(DispatchStatus.SENT);
		// an event of an earlier version: SENT alone is not final
		assertThat(DispatchProgress.statusOf(new NotificationStatusChangedEvent("n", "BROADCAST", "b", "62.71", "SMS",
				"SENT", "QUEUED", null, null)))
			.isEqualTo(DispatchStatus.SENT);
		assertThat(DispatchProgress.statusOf(new NotificationStatusChangedEvent("n", "BROADCAST", "b", "62.71", "SMS",
				"CANCELLED", "QUEUED", null, null)))
			.isEqualTo(DispatchStatus.CANCELLED);
		assertThat(DispatchProgress.statusOf(new NotificationStatusChangedEvent("n", "BROADCAST", "b", "62.71", "SMS",
				"SOMETHING_NEW", "QUEUED", null, null)))
			.isNull();
	}

	@Test
	void theDispatchIdDependsOnlyOnBroadcastPhoneAndChannel() {
		assertThat(Dispatch.idFor("b", "+6281200000001", "SMS")).isEqualTo(Dispatch.idFor("b", "+6281200000001", "SMS"))
			.isNotEqualTo(Dispatch.idFor("b", "+6281200000001", "WHATSAPP"));
	}

}
