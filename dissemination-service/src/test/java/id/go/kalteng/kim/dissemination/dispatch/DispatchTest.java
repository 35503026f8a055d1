package id.go.kalteng.kim.dissemination.dispatch;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchTest {

	private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

	@Test
	void anUrgentBroadcastsRequestsArePublishedBeforeNormalOnes() {
		assertThat(queue("URGENT").publishesFirst()).isTrue();
		assertThat(queue("NORMAL").publishesFirst()).isFalse();
	}

	private static Dispatch queue(String priority) {
		return Dispatch.queue("b-1", "m-1", "+6281300000001", "hash-1", "SMS", "62.71", "Banjir", priority, NOW);
	}

}
