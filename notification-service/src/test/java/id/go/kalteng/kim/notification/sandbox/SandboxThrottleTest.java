package id.go.kalteng.kim.notification.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import id.go.kalteng.kim.notification.delivery.ProviderThrottledException;
import id.go.kalteng.kim.notification.tracking.Channel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The sandbox's simulated provider limit: more than N sends within any sliding second are
 * answered "throttled" and counted; off by default.
 */
class SandboxThrottleTest {

	private Instant now = Instant.parse("2026-12-01T08:00:00Z");

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void aSendBeyondTheLimitWithinASlidingSecondIsThrottledAndCounted() {
		SandboxThrottle throttle = new SandboxThrottle(3, Channel.WHATSAPP, clock(), this.meters);
		throttle.take();
		this.now = this.now.plusMillis(400);
		throttle.take();
		this.now = this.now.plusMillis(400);
		throttle.take();
		this.now = this.now.plusMillis(100);

		assertThatExceptionOfType(ProviderThrottledException.class).isThrownBy(throttle::take)
			.withMessageContaining("throttled");
		assertThat(throttled("WHATSAPP")).isEqualTo(1.0);

		// the first send left the sliding second: room for one
		this.now = this.now.plusMillis(100);
		assertThatNoException().isThrownBy(throttle::take);
		assertThatExceptionOfType(ProviderThrottledException.class).isThrownBy(throttle::take);
		assertThat(throttled("WHATSAPP")).isEqualTo(2.0);
	}

	@Test
	void sendsPacedAtTheLimitAreNeverThrottled() {
		SandboxThrottle throttle = new SandboxThrottle(80, Channel.WHATSAPP, clock(), this.meters);
		for (int i = 0; i < 800; i++) {
			throttle.take();
			this.now = this.now.plus(Duration.ofNanos(1_000_000_000L / 80));
		}
		assertThat(throttled("WHATSAPP")).isZero();
	}

	@Test
	void offByDefault() {
		SandboxThrottle throttle = new SandboxThrottle(0, Channel.SMS, clock(), this.meters);
		for (int i = 0; i < 1000; i++) {
			throttle.take();
		}
		assertThat(throttled("SMS")).isZero();
	}

	private double throttled(String channel) {
		return this.meters.counter("kim.sandbox.throttled", "channel", channel).count();
	}

	private Clock clock() {
		return new Clock() {

			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return SandboxThrottleTest.this.now;
			}

		};
	}

}
