package id.go.kalteng.kim.notification.tracking;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static id.go.kalteng.kim.notification.tracking.NotificationStatus.DELIVERED;
import static id.go.kalteng.kim.notification.tracking.NotificationStatus.FAILED;
import static id.go.kalteng.kim.notification.tracking.NotificationStatus.QUEUED;
import static id.go.kalteng.kim.notification.tracking.NotificationStatus.READ;
import static id.go.kalteng.kim.notification.tracking.NotificationStatus.SENDING;
import static id.go.kalteng.kim.notification.tracking.NotificationStatus.SENT;
import static id.go.kalteng.kim.notification.tracking.NotificationStatus.SUPPRESSED;
import static id.go.kalteng.kim.notification.tracking.NotificationStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

class NotificationStatusTest {

	private static final List<NotificationStatus> PROGRESS = List.of(QUEUED, SENDING, SENT, DELIVERED, READ);

	@Test
	void statusesNeverMoveBackwards() {
		for (int from = 0; from < PROGRESS.size(); from++) {
			for (int to = 0; to <= from; to++) {
				assertThat(PROGRESS.get(from).canAdvanceTo(PROGRESS.get(to)))
					.as("%s -> %s", PROGRESS.get(from), PROGRESS.get(to))
					.isFalse();
			}
		}
	}

	@ParameterizedTest
	@CsvSource({ "QUEUED, SENDING", "QUEUED, SENT", "SENDING, SENT", "SENDING, DELIVERED", "QUEUED, DELIVERED",
			"SENT, DELIVERED", "SENT, READ", "DELIVERED, READ" })
	void deliveryStatusesMayMoveForwardAndSkipSteps(NotificationStatus from, NotificationStatus to) {
		assertThat(from.canAdvanceTo(to)).isTrue();
	}

	@Test
	void aDeliveredReportThatArrivesBeforeSentIsKeptAndTheLateSentIgnored() {
		assertThat(SENDING.canAdvanceTo(DELIVERED)).isTrue();
		assertThat(DELIVERED.canAdvanceTo(SENT)).isFalse();
	}

	@Test
	void failedAndSuppressedAreFinal() {
		for (NotificationStatus next : NotificationStatus.values()) {
			assertThat(FAILED.canAdvanceTo(next)).as("FAILED -> %s", next).isFalse();
			assertThat(SUPPRESSED.canAdvanceTo(next)).as("SUPPRESSED -> %s", next).isFalse();
		}
	}

	@Test
	void cancelledAndExpiredAreFinal() {
		for (NotificationStatus next : NotificationStatus.values()) {
			assertThat(NotificationStatus.CANCELLED.canAdvanceTo(next)).as("CANCELLED -> %s", next).isFalse();
			assertThat(NotificationStatus.EXPIRED.canAdvanceTo(next)).as("EXPIRED -> %s", next).isFalse();
		}
	}

	@Test
	void onlyWhatNoProviderMayHaveCanBeCancelledOrExpire() {
		for (NotificationStatus end : List.of(NotificationStatus.CANCELLED, NotificationStatus.EXPIRED)) {
			assertThat(QUEUED.canAdvanceTo(end)).as("QUEUED -> %s", end).isTrue();
			assertThat(SENDING.canAdvanceTo(end)).as("SENDING -> %s", end).isTrue();
			for (NotificationStatus from : List.of(UNKNOWN, SENT, DELIVERED, READ, FAILED, SUPPRESSED)) {
				assertThat(from.canAdvanceTo(end)).as("%s -> %s", from, end).isFalse();
			}
		}
	}

	@Test
	void aProviderMayFailWhatItAcceptedButNotWhatItDelivered() {
		assertThat(SENT.canAdvanceTo(FAILED)).isTrue();
		assertThat(DELIVERED.canAdvanceTo(FAILED)).isFalse();
		assertThat(READ.canAdvanceTo(FAILED)).isFalse();
	}

	@Test
	void onlyWhatWasNotSentYetCanBeSuppressed() {
		assertThat(QUEUED.canAdvanceTo(SUPPRESSED)).isTrue();
		assertThat(SENDING.canAdvanceTo(SUPPRESSED)).isTrue();
		assertThat(SENT.canAdvanceTo(SUPPRESSED)).isFalse();
	}

	@Test
	void onlyAQueuedNotificationCanBeClaimed() {
		assertThat(QUEUED.canAdvanceTo(SENDING)).isTrue();
		assertThat(NotificationStatus.values()).filteredOn((status) -> status != QUEUED)
			.allSatisfy((status) -> assertThat(status.canAdvanceTo(SENDING)).isFalse());
	}

	@Test
	void aNotificationBeingSentOrWithAnUnknownOutcomeIsStillQueuedToTheOutside() {
		assertThat(SENDING.published()).isEqualTo(QUEUED);
		assertThat(UNKNOWN.published()).isEqualTo(QUEUED);
		assertThat(SENT.published()).isEqualTo(SENT);
	}

	@Test
	void onlyASendInProgressCanHaveAnUnknownOutcomeWhichOnlyAReportOrTheProviderMoveOn() {
		assertThat(NotificationStatus.values()).filteredOn((status) -> status != SENDING)
			.allSatisfy((status) -> assertThat(status.canAdvanceTo(UNKNOWN)).as("%s -> UNKNOWN", status).isFalse());
		assertThat(SENDING.canAdvanceTo(UNKNOWN)).isTrue();
		assertThat(List.of(SENT, DELIVERED, READ, FAILED))
			.allSatisfy((next) -> assertThat(UNKNOWN.canAdvanceTo(next)).as("UNKNOWN -> %s", next).isTrue());
		assertThat(List.of(QUEUED, SENDING, SUPPRESSED))
			.allSatisfy((next) -> assertThat(UNKNOWN.canAdvanceTo(next)).as("UNKNOWN -> %s", next).isFalse());
	}

}
