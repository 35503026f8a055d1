package id.go.kalteng.kim.support.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox relay works: it wakes at once after every save with events and reads
 * what that save reported; the poll interval bounds the wait for a retry, the scan
 * interval the delay for events left by a crash or another instance.
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
 * @param scanInterval how often the relay looks for pending events that no save of this
 * process reported (left by a crash or another instance): a scan on the MongoDB-wire
 * server, an index lookup on MongoDB
 * @param abandonedAfter how long a document must have been pending before such a scan
 * takes it (younger ones are being published by whoever saved them)
 */
@ConfigurationProperties("kim.outbox")
public record OutboxProperties(@DefaultValue("true") boolean enabled, @DefaultValue("500ms") Duration pollInterval,
		@DefaultValue("500") int batchSize, String source, @DefaultValue("60s") Duration lease,
		@DefaultValue("30s") Duration sendTimeout, @DefaultValue("2s") Duration retryAfter,
		@DefaultValue("30s") Duration scanInterval, @DefaultValue("10s") Duration abandonedAfter) {

}
