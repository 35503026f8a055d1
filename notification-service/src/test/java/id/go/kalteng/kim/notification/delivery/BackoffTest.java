package id.go.kalteng.kim.notification.delivery;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

	@Test
	void theWaitDoublesAfterEachFailedAttemptUpToItsCap() {
		Backoff backoff = new Backoff(delivery(0));

		assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8).stream().map(backoff::after)).containsExactly(Duration.ofSeconds(10),
				Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(80), Duration.ofSeconds(160),
				Duration.ofSeconds(320), Duration.ofSeconds(600), Duration.ofSeconds(600));
	}

	@Test
	void jitterSpreadsTheWaitAroundItsExponentialValue() {
		Backoff backoff = new Backoff(delivery(0.2));

		for (int i = 0; i < 50; i++) {
			assertThat(backoff.after(2)).isBetween(Duration.ofSeconds(16), Duration.ofSeconds(24));
		}
	}

	private static NotificationProperties.Delivery delivery(double jitter) {
		return new NotificationProperties.Delivery(true, 4, Duration.ofSeconds(1), Duration.ofMinutes(2), 5,
				Duration.ofSeconds(10), 2.0, Duration.ofMinutes(10), jitter,
				new NotificationProperties.Breaker(50, 10, 5, Duration.ofSeconds(30), 1), Duration.ofSeconds(30));
	}

}
