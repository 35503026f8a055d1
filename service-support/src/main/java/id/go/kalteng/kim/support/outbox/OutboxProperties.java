package id.go.kalteng.kim.support.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox relay polls: it also wakes at once after every save, so the interval
 * only bounds the delay for events left by a crash or another instance.
 *
 * @param enabled whether this process publishes pending events
 * @param pollInterval how long the relay sleeps when nothing wakes it
 * @param batchSize how many documents one round publishes
 * @param source the CloudEvents {@code source} of what this service publishes; default
 * {@code /kim/<spring.application.name>}
 * @param lease how long a relay's claim on the documents of one round lasts: no other
 * instance publishes their events meanwhile, and a crashed instance's claim runs out
 * after it
 * @param sendTimeout how long one round waits for the broker to acknowledge; what is not
 * acknowledged by then is tried again later (never parked)
 * @param retryAfter how long a document whose events could not be sent for a passing
 * reason (broker unreachable, timeout) waits before the next try
 */
@ConfigurationProperties("kim.outbox")
public record OutboxProperties(@DefaultValue("true") boolean enabled, @DefaultValue("500ms") Duration pollInterval,
		@DefaultValue("500") int batchSize, String source, @DefaultValue("60s") Duration lease,
		@DefaultValue("30s") Duration sendTimeout, @DefaultValue("2s") Duration retryAfter) {

}
