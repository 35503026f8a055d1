package id.go.kalteng.kim.console.api;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTests {

	@Test
	void processedCountsEveryMessagePastTheQueue() {
		Progress progress = Progress.of(Map.of("status", "SENDING", "recipients", 10, "queued", 3, "sent", 2,
				"delivered", 2, "read", 1, "failed", 1, "suppressed", 1));

		assertThat(progress.processed()).isEqualTo(7);
		assertThat(progress.percent()).isEqualTo(70);
		assertThat(progress.isFinal()).isFalse();
	}

	@Test
	void messagesEndedUnsentByACancellationOrTheExpiryAreProcessedToo() {
		// a broadcast cancelled mid-send: 4 went out, 5 were stopped, 1 expired before it
		Progress progress = Progress
			.of(Map.of("status", "CANCELLED", "recipients", 10, "sent", 4, "cancelled", 5, "expired", 1));

		assertThat(progress.cancelled()).isEqualTo(5);
		assertThat(progress.expired()).isEqualTo(1);
		assertThat(progress.processed()).isEqualTo(10);
		assertThat(progress.percent()).isEqualTo(100);
	}

	@Test
	void completedCancelledRejectedAndExpiredAreFinal() {
		for (String status : new String[] { "COMPLETED", "CANCELLED", "REJECTED", "EXPIRED" }) {
			assertThat(Progress.of(Map.of("status", status)).isFinal()).as(status).isTrue();
		}
		assertThat(Progress.of(Map.of("status", "APPROVED")).isFinal()).isFalse();
	}

	@Test
	void noRecipientsIsZeroPercentNotADivisionByZero() {
		assertThat(Progress.of(Map.of("status", "SENDING")).percent()).isZero();
	}

}
