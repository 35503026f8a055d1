package id.go.kalteng.kim.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.notification.delivery.QuietHours;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static id.go.kalteng.kim.notification.NotificationFixtures.randomPhone;
import static id.go.kalteng.kim.notification.NotificationFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Quiet hours with the service's clock moved by the test: at 22:00 WIB an URGENT message
 * goes at once while a NORMAL one waits, queued; at 06:00 the NORMAL one goes.
 */
@TestPropertySource(properties = "kim.notification.quiet-hours=21:00-06:00")
@Import(QuietHoursIntegrationTest.MovableClock.class)
class QuietHoursIntegrationTest extends NotificationIntegrationTest {

	private static final ShiftedClock CLOCK = new ShiftedClock();

	private Notification stored(String id) {
		return this.store.findById(id, Notification.class).orElseThrow();
	}

	@Test
	void normalMessagesWaitThroughTheNightWhileUrgentOnesGoAndTheyGoFromSix() {
		LocalDate today = LocalDate.now(QuietHours.WIB);
		CLOCK.setTo(today.atTime(LocalTime.of(22, 0)).atZone(QuietHours.WIB).toInstant());
		String phone = randomPhone();
		NotificationRequestedEvent normal = request(phone, "SMS", "NORMAL", "62.71", UUID.randomUUID().toString(),
				CLOCK.instant().minusSeconds(60));
		NotificationRequestedEvent urgent = request(phone, "SMS", "URGENT", "62.71");
		publisher.publish(normal);
		publisher.publish(urgent);

		await().atMost(TIMEOUT)
			.until(() -> this.store.findById(urgent.notificationId(), Notification.class)
				.map(Notification::getStatus)
				.filter((s) -> s == NotificationStatus.SENT)
				.isPresent());
		await().atMost(TIMEOUT)
			.until(() -> this.store.findById(normal.notificationId(), Notification.class).isPresent());
		await().during(Duration.ofSeconds(2))
			.atMost(TIMEOUT)
			.until(() -> stored(normal.notificationId()).getStatus() == NotificationStatus.QUEUED);
		assertThat(stored(normal.notificationId()).getAttempts()).isZero();

		CLOCK.setTo(today.plusDays(1).atTime(LocalTime.of(6, 0)).atZone(QuietHours.WIB).toInstant());
		await().atMost(TIMEOUT).until(() -> stored(normal.notificationId()).getStatus() == NotificationStatus.SENT);
	}

	@Test
	void aNormalMessageWaitingThroughTheNightWhoseExpiryPassesEndsExpiredAndIsNeverSent() {
		LocalDate today = LocalDate.now(QuietHours.WIB);
		CLOCK.setTo(today.atTime(LocalTime.of(22, 0)).atZone(QuietHours.WIB).toInstant());
		Instant expiresAt = today.atTime(LocalTime.of(23, 0)).atZone(QuietHours.WIB).toInstant();
		NotificationRequestedEvent base = request(randomPhone(), "SMS", "NORMAL", "62.71", UUID.randomUUID().toString(),
				CLOCK.instant());
		NotificationRequestedEvent normal = new NotificationRequestedEvent(base.notificationId(), base.sourceType(),
				base.sourceId(), base.kabupaten(), base.memberId(), base.phone(), base.channel(), base.text(),
				base.priority(), base.requestedAt(), null, null, expiresAt);
		publisher.publish(normal);
		await().atMost(TIMEOUT)
			.until(() -> this.store.findById(normal.notificationId(), Notification.class).isPresent());
		await().during(Duration.ofSeconds(1))
			.atMost(TIMEOUT)
			.until(() -> stored(normal.notificationId()).getStatus() == NotificationStatus.QUEUED);

		// still night, but past its expiry: the recovery's slow timer ends it
		CLOCK.setTo(expiresAt.plusSeconds(1));
		await().atMost(TIMEOUT).until(() -> stored(normal.notificationId()).getStatus() == NotificationStatus.EXPIRED);

		// the morning sends nothing of it
		CLOCK.setTo(today.plusDays(1).atTime(LocalTime.of(6, 0)).atZone(QuietHours.WIB).toInstant());
		await().during(Duration.ofSeconds(1))
			.atMost(TIMEOUT)
			.until(() -> stored(normal.notificationId()).getStatus() == NotificationStatus.EXPIRED);
		assertThat(stored(normal.notificationId()).getAttempts()).isZero();
	}

	/** The service's clock, moved by the test. */
	@TestConfiguration(proxyBeanMethods = false)
	static class MovableClock {

		@Bean
		Clock clock() {
			return CLOCK;
		}

	}

	/** The system clock shifted by an offset the test sets. */
	static final class ShiftedClock extends Clock {

		private volatile Duration offset = Duration.ZERO;

		void setTo(Instant now) {
			this.offset = Duration.between(Clock.systemUTC().instant(), now);
		}

		@Override
		public ZoneId getZone() {
			return ZoneId.of("UTC");
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Clock.systemUTC().instant().plus(this.offset);
		}

	}

}
