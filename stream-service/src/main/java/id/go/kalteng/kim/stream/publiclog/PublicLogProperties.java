package id.go.kalteng.kim.stream.publiclog;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The public event log: which domain topics feed it, how long its topics keep events, and
 * how the republisher consumes.
 *
 * @param sourceTopics the domain topics republished
 * @param retention how long each public topic keeps events ({@code retention.ms})
 * @param replicas replication factor of the public topics ({@code 0}: the broker's
 * default)
 * @param enabled whether this instance republishes (an instance serving only streams may
 * leave it to others)
 * @param batchSize records per poll, one Kafka transaction and two database round trips
 * each
 * @param failureBackoff the pause after a failed batch before it is tried again
 * @param dedupeWindow how many recent event ids are remembered to skip a source's repeat
 * @param instanceId this instance's part of the transactional id (each instance its own;
 * a restarted instance then aborts its predecessor's open transaction at once)
 */
@ConfigurationProperties("kim.stream.public-log")
public record PublicLogProperties(List<String> sourceTopics, Duration retention, int replicas, boolean enabled,
		int batchSize, Duration failureBackoff, int dedupeWindow, String instanceId) {

	public PublicLogProperties {
		sourceTopics = (sourceTopics != null) ? List.copyOf(sourceTopics) : List.of();
		retention = (retention != null) ? retention : Duration.ofDays(7);
		batchSize = (batchSize > 0) ? batchSize : 500;
		failureBackoff = (failureBackoff != null) ? failureBackoff : Duration.ofSeconds(1);
		dedupeWindow = (dedupeWindow > 0) ? dedupeWindow : 100_000;
		instanceId = (instanceId != null && !instanceId.isBlank()) ? instanceId : "0";
	}

}
