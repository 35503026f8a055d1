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

	private static ReadyQueue.Entry entry(String id, Priority priority, Instant requestedAt, Instant dueAt) {
		return new ReadyQueue.Entry(id, 1, priority.rank(), requestedAt, dueAt);
	}

}
