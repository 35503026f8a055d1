package id.go.kalteng.kim.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static id.go.kalteng.kim.notification.NotificationFixtures.randomPhone;
import static id.go.kalteng.kim.notification.NotificationFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification decides what may be claimed ({@link Notification#isClaimable},
 * {@link Notification#claim}); the queue claims in the database. Both must agree on which
 * notifications a worker may take and on what a claim changes.
 */
class NotificationQueueAgreementIntegrationTest extends NotificationIntegrationTest {

	/**
	 * Long before any other test's notifications are due, so that only this test's
	 * notifications can be claimed at this time.
	 */
	private static final Instant NOW = Instant.parse("2001-01-01T00:00:00Z");

	@Test
	void theQueueClaimsExactlyWhatTheNotificationCallsClaimableAndChangesItAsItsClaimDoes() {
		List<Notification> candidates = new ArrayList<>();
		candidates.add(queued(NOW.minus(Duration.ofMinutes(1))));
		candidates.add(queued(NOW));
		candidates.add(queued(NOW.plusSeconds(1)));
		Notification backingOff = queued(NOW.minus(Duration.ofMinutes(2)));
		backingOff.claim("earlier", NOW.minus(Duration.ofMinutes(2)));
		backingOff.sendFailed("earlier", "503", new Notification.RetryPlan(3, Duration.ofMinutes(5), true),
				NOW.minus(Duration.ofMinutes(2)));
		candidates.add(backingOff);
		Notification sending = queued(NOW.minus(Duration.ofMinutes(1)));
		sending.claim("another-worker", NOW.minus(Duration.ofMinutes(1)));
		candidates.add(sending);
		Notification unknown = queued(NOW.minus(Duration.ofMinutes(1)));
		unknown.claim("another-worker", NOW.minus(Duration.ofMinutes(1)));
		unknown.outcomeUnknown("another-worker", "Read timed out", false,
				new Notification.RetryPlan(3, Duration.ofSeconds(1), true), NOW.minus(Duration.ofMinutes(1)));
		candidates.add(unknown);
		Notification sent = queued(NOW.minus(Duration.ofMinutes(1)));
		sent.claim("another-worker", NOW.minus(Duration.ofMinutes(1)));
		sent.sent("sbx-1", NOW.minus(Duration.ofMinutes(1)));
		candidates.add(sent);
		NotificationRequestedEvent optedOut = request(randomPhone(), "SMS", "NORMAL", "62.71");
		candidates.add(Notification.suppressed(optedOut, optedOut.phone(), "hash", Channel.SMS,
				NOW.minus(Duration.ofMinutes(1))));
		NotificationRequestedEvent invalid = request("123", "SMS", "NORMAL", "62.71");
		candidates.add(Notification.rejected(invalid, null, null, Channel.SMS, "invalid-phone",
				NOW.minus(Duration.ofMinutes(1))));
		candidates.add(queued(NOW.minus(Duration.ofMinutes(1)), "WHATSAPP"));

		this.worker.stop();
		try {
			candidates.forEach(this.store::save);
			Map<String, Notification> byId = candidates.stream()
				.collect(Collectors.toMap(Notification::getId, Function.identity()));

			List<Notification> claimedByQueue = this.queue.claim(Channel.SMS, candidates.size() + 1, NOW);

			List<String> claimableByAggregate = candidates.stream()
				.filter((n) -> n.getChannel() == Channel.SMS && n.isClaimable(NOW))
				.map(Notification::getId)
				.toList();
			assertThat(claimableByAggregate).hasSize(2);
			assertThat(claimedByQueue).extracting(Notification::getId)
				.containsExactlyInAnyOrderElementsOf(claimableByAggregate);
			for (Notification inDatabase : claimedByQueue) {
				Notification inMemory = byId.get(inDatabase.getId());
				assertThat(inMemory.claim(inDatabase.getClaimToken(), NOW)).isTrue();
				assertThat(inDatabase).usingRecursiveComparison()
					.comparingOnlyFields("status", "claimToken", "claimedAt", "attempts", "updatedAt", "nextAttemptAt",
							"reason")
					.isEqualTo(inMemory);
				assertThat(inDatabase.getStatus()).isEqualTo(NotificationStatus.SENDING);
				assertThat(inDatabase.getVersion()).isEqualTo(inMemory.getVersion() + 1);
			}
		}
		finally {
			// nothing of this test is left for the worker
			this.mongo.remove(
					Query.query(Criteria.where("_id").in(candidates.stream().map(Notification::getId).toList())),
					Notification.class);
			this.worker.start();
		}
	}

	private static Notification queued(Instant at) {
		return queued(at, "SMS");
	}

	private static Notification queued(Instant at, String channel) {
		NotificationRequestedEvent request = request(randomPhone(), channel, "NORMAL", "62.71",
				UUID.randomUUID().toString(), at);
		return Notification.queued(request, request.phone(), "hash-" + request.notificationId(),
				Channel.valueOf(channel), at);
	}

}
