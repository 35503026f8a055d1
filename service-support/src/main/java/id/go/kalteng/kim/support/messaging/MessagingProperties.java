package id.go.kalteng.kim.support.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How consumers meet failures, and how long they remember what they handled.
 *
 * @param transientRetryInitial the first wait after a passing failure (database or broker
 * unreachable, timeout, concurrent write); it doubles on each try
 * @param transientRetryMax the longest wait between two tries of a passing failure; the
 * tries never stop, the partition waits
 * @param processedEventsRetention how long a consumer remembers an event id it handled
 * ({@code processed_events} expire after it); must be longer than the retention of the
 * topics it reads, or a redelivery older than it would be applied again
 */
@ConfigurationProperties("kim.messaging")
public record MessagingProperties(@DefaultValue("1s") Duration transientRetryInitial,
		@DefaultValue("30s") Duration transientRetryMax, @DefaultValue("14d") Duration processedEventsRetention) {

}
