package id.go.kalteng.kim.stream.webhooks;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Webhook deliveries.
 *
 * @param enabled whether this instance feeds and sends deliveries (one instance should)
 * @param retrySchedule the delay before each attempt after the first (the Standard
 * Webhooks example: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h: about three
 * days); after the last the delivery has failed
 * @param jitter the random share added to or taken from each delay (0.2: ±20 %)
 * @param sweepInterval how often due deliveries are looked up
 * @param bucket the width of one slot of the persisted schedule
 * @param requestTimeout how long a receiver may take to answer
 * @param senders deliveries attempted at once
 * @param plainHttpHosts hosts that may be called over plain HTTP (only this machine)
 * @param maxReplay events read at most by one replay request
 */
@ConfigurationProperties("kim.stream.webhooks")
public record WebhookProperties(boolean enabled, List<Duration> retrySchedule, double jitter, Duration sweepInterval,
		Duration bucket, Duration requestTimeout, int senders, List<String> plainHttpHosts, int maxReplay) {

	public WebhookProperties {
		retrySchedule = (retrySchedule != null && !retrySchedule.isEmpty()) ? List.copyOf(retrySchedule)
				: List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
						Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14), Duration.ofHours(20),
						Duration.ofHours(24));
		sweepInterval = (sweepInterval != null) ? sweepInterval : Duration.ofSeconds(1);
		bucket = (bucket != null) ? bucket : Duration.ofSeconds(5);
		requestTimeout = (requestTimeout != null) ? requestTimeout : Duration.ofSeconds(15);
		senders = (senders > 0) ? senders : 8;
		plainHttpHosts = (plainHttpHosts != null) ? List.copyOf(plainHttpHosts)
				: List.of("localhost", "127.0.0.1", "[::1]");
		maxReplay = (maxReplay > 0) ? maxReplay : 50_000;
	}

}
