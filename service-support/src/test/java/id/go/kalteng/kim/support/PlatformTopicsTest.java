package id.go.kalteng.kim.support;

import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform topics' replicas from configuration: the broker's defaults on one broker,
 * 3 replicas and {@code min.insync.replicas=2} on a cluster ({@code ./kim up --cluster}).
 */
class PlatformTopicsTest {

	@Test
	void unsetLeavesReplicasToTheBroker() {
		NewTopic topic = KimSupportConfiguration.platformTopic("kim.group.events", 3, -1, 0);
		assertThat(topic.numPartitions()).isEqualTo(3);
		assertThat(topic.replicationFactor()).isEqualTo((short) -1);
		assertThat(Optional.ofNullable(topic.configs()).orElse(Map.of())).doesNotContainKey("min.insync.replicas");
	}

	@Test
	void clusterSettingsGiveThreeReplicasAndTwoInSync() {
		NewTopic topic = KimSupportConfiguration.platformTopic("kim.group.events", 3, 3, 2);
		assertThat(topic.replicationFactor()).isEqualTo((short) 3);
		assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
		assertThat(Optional.ofNullable(topic.configs()).orElse(Map.of())).hasSize(1);
	}

}
