package id.go.kalteng.kim.dissemination.dispatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchStatusTest {

	@Test
	void statusesOnlyMoveForwardAndTerminalStatusesStay() {
		assertThat(DispatchStatus.DELIVERED.reachableFrom()).containsExactly(DispatchStatus.QUEUED,
				DispatchStatus.SENT);
		assertThat(DispatchStatus.SENT.reachableFrom()).doesNotContain(DispatchStatus.DELIVERED);
		assertThat(DispatchStatus.READ.reachableFrom()).doesNotContain(DispatchStatus.FAILED,
				DispatchStatus.SUPPRESSED);
		assertThat(DispatchStatus.FAILED.reachableFrom()).doesNotContain(DispatchStatus.SUPPRESSED,
				DispatchStatus.READ);
	}

	@Test
	void theDispatchIdDependsOnlyOnBroadcastPhoneAndChannel() {
		assertThat(Dispatch.idFor("b", "+6281200000001", "SMS")).isEqualTo(Dispatch.idFor("b", "+6281200000001", "SMS"))
			.isNotEqualTo(Dispatch.idFor("b", "+6281200000001", "WHATSAPP"));
	}

}
