package id.go.kalteng.kim.notification.delivery;

import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.notification.tracking.Priority;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim order of a lane: URGENT before NORMAL, however many NORMAL ones were queued
 * before it, then oldest first; a retry waits until it is due.
 */
class ReadyQueueTest {

	private static final Instant T0 = Instant.parse("2026-12-01T03:00:00Z");

	@Test
	void anUrgentEntryOfferedAfterThousandsOfNormalOnesIsTakenFirst() {
		ReadyQueue queue = new ReadyQueue();
		for (int i = 0; i < 3000; i++) {
			queue.offer(entry("normal-" + i, Priority.NORMAL, T0.plusMillis(i), T0));
		}
		queue.offer(entry("urgent", Priority.URGENT, T0.plusSeconds(60), T0.plusSeconds(60)));

		List<ReadyQueue.Entry> taken = queue.take(3, T0.plusSeconds(60));

		assertThat(taken).extracting(ReadyQueue.Entry::id).containsExactly("urgent", "normal-0", "normal-1");
	}

	@Test
	void aRetryThatIsNotDueWaitsEvenWhenUrgent() {
		ReadyQueue queue = new ReadyQueue();
		queue.offer(entry("urgent-retry", Priority.URGENT, T0, T0.plusSeconds(10)));
		queue.offer(entry("normal", Priority.NORMAL, T0.plusSeconds(1), T0));

		assertThat(queue.take(2, T0.plusSeconds(5))).extracting(ReadyQueue.Entry::id).containsExactly("normal");
		assertThat(queue.take(2, T0.plusSeconds(10))).extracting(ReadyQueue.Entry::id).containsExactly("urgent-retry");
	}

	@Test
	void aRecoveryScanDoesNotOfferAgainWhatWasSentWhileItRead() {
		ReadyQueue queue = new ReadyQueue();
		for (int i = 0; i < 5; i++) {
			queue.offer(entry("n-" + i, Priority.NORMAL, T0.plusMillis(i), T0));
		}
		queue.scanStarting();
		// while the scan reads (it sees all five QUEUED), two are claimed and sent
		List<ReadyQueue.Entry> sent = queue.take(2, T0.plusSeconds(1));
		queue.done(sent.stream().map(ReadyQueue.Entry::id).toList());
		List<ReadyQueue.Entry> scanned = List.of(entry("n-0", Priority.NORMAL, T0, T0),
				entry("n-1", Priority.NORMAL, T0.plusMillis(1), T0),
				entry("n-2", Priority.NORMAL, T0.plusMillis(2), T0),
				entry("n-3", Priority.NORMAL, T0.plusMillis(3), T0),
				entry("n-4", Priority.NORMAL, T0.plusMillis(4), T0),
				entry("other-instance", Priority.NORMAL, T0.plusMillis(5), T0));

		// the stale copies of n-0 and n-1 would be taken first and lose their claims
		assertThat(queue.offerScanned(scanned)).isEqualTo(1);
		assertThat(queue.take(10, T0.plusSeconds(2))).extracting(ReadyQueue.Entry::id)
			.containsExactly("n-2", "n-3", "n-4", "other-instance");
	}

	@Test
	void aSendEndedOutsideAScanDoesNotKeepTheNextScanFromOfferingIt() {
		ReadyQueue queue = new ReadyQueue();
		queue.offer(entry("retried", Priority.NORMAL, T0, T0));
		queue.done(queue.take(1, T0).stream().map(ReadyQueue.Entry::id).toList());
		// its save failed: only the next scan finds it QUEUED again
		queue.scanStarting();

		assertThat(queue.offerScanned(List.of(entry("retried", Priority.NORMAL, T0, T0)))).isEqualTo(1);
		// and a scan without a start (none read) offers what it is given
		assertThat(queue.offerScanned(List.of(entry("late", Priority.NORMAL, T0, T0)))).isEqualTo(1);
	}

	private static ReadyQueue.Entry entry(String id, Priority priority, Instant requestedAt, Instant dueAt) {
		return new ReadyQueue.Entry(id, 1, priority.rank(), requestedAt, dueAt);
	}

}
