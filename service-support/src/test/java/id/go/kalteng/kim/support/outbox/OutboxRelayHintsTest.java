package id.go.kalteng.kim.support.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay's queue of documents that saves reported: what publishes first (an URGENT
 * message) overtakes the ordinary ones waiting, each document is taken once however often
 * it was reported, and a batch never exceeds its size.
 */
class OutboxRelayHintsTest {

	@Test
	void documentsThatPublishFirstOvertakeThousandsOfOrdinaryOnesReportedBefore() {
		OutboxRelay.Hints hints = new OutboxRelay.Hints();
		List<Object> ordinary = IntStream.range(0, 5000).mapToObj((i) -> (Object) ("normal-" + i)).toList();
		hints.add(ordinary, false);
		hints.add(List.of("urgent-1", "urgent-2"), true);

		List<Object> firstBatch = hints.take(500);

		assertThat(firstBatch).hasSize(500).startsWith("urgent-1", "urgent-2");
		assertThat(firstBatch.subList(2, 500)).containsExactlyElementsOf(ordinary.subList(0, 498));
	}

	@Test
	void eachDocumentIsTakenOnceInTheOrderReportedWhateverHowOftenItWasReported() {
		OutboxRelay.Hints hints = new OutboxRelay.Hints();
		hints.add(List.of("a", "b", "c"), false);
		hints.add(List.of("b", "d"), false);
		hints.add(List.of("c"), true);
		hints.add(List.of("c"), false);

		List<Object> taken = new ArrayList<>();
		List<Object> batch;
		while (!(batch = hints.take(2)).isEmpty()) {
			assertThat(batch).hasSizeLessThanOrEqualTo(2);
			taken.addAll(batch);
		}

		assertThat(taken).containsExactly("c", "a", "b", "d");
	}

}
