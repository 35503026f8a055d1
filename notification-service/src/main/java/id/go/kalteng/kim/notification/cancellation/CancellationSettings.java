package id.go.kalteng.kim.notification.cancellation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How cancellations work.
 *
 * @param refresh how often each instance reads the cancelled sources again (a scan of a
 * few documents): the longest an instance that did not consume a cancellation itself may
 * still send a message of it
 * @param batch how many notifications the pass at a cancellation (and the recovery's
 * ending of expired ones) loads and saves at once
 */
@ConfigurationProperties("kim.notification.cancellation")
public record CancellationSettings(@DefaultValue("5s") Duration refresh, @DefaultValue("500") int batch) {

}
