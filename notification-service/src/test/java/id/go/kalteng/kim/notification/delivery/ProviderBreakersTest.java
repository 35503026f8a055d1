package id.go.kalteng.kim.notification.delivery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderBreakersTest {

	/** The defaults: window 10, minimum 5 calls, 50 %, max-attempts 5. */
	private static final NotificationProperties.Breaker DEFAULTS = new NotificationProperties.Breaker(50, 10, 5,
			Duration.ofSeconds(30), 1);

	private static final int MAX_ATTEMPTS = 5;

	@Test
	void aNotificationAloneInAnOutageOpensTheBreakerByItsLastAttemptEvenAfterManySuccesses() {
		CircuitBreaker breaker = CircuitBreaker.of("sms-test", ProviderBreakers.configOf(DEFAULTS));
		for (int i = 0; i < 20; i++) {
			call(breaker, true);
		}

		for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
			call(breaker, false);
			assertThat(breaker.getState()).as("after attempt %d", attempt).isEqualTo(CircuitBreaker.State.CLOSED);
		}
		call(breaker, false);

		// the last attempt finds the breaker open, so it is not counted
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(breaker.tryAcquirePermission()).isFalse();
	}

	@Test
	void aNumberThatKeepsFailingWhileOthersGoLeavesTheBreakerClosed() {
		CircuitBreaker breaker = CircuitBreaker.of("sms-test", ProviderBreakers.configOf(DEFAULTS));

		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			call(breaker, false);
			call(breaker, true);
			call(breaker, true);
		}

		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	private static void call(CircuitBreaker breaker, boolean succeeds) {
		assertThat(breaker.tryAcquirePermission()).isTrue();
		if (succeeds) {
			breaker.onSuccess(1, TimeUnit.MILLISECONDS);
		}
		else {
			breaker.onError(1, TimeUnit.MILLISECONDS, new ProviderUnavailableException("down"));
		}
	}

}
