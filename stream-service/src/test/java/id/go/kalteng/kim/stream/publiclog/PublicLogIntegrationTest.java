package id.go.kalteng.kim.stream.publiclog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.stream.DomainEvents;
import id.go.kalteng.kim.stream.StreamIntegrationTest;
import id.go.kalteng.kim.support.test.KimInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static id.go.kalteng.kim.stream.DomainEvents.header;
import static org.assertj.core.api.Assertions.assertThat;

class PublicLogIntegrationTest extends StreamIntegrationTest {

	private static final String MEMBER_JOINED = "kim.group.member-joined.v1";

	private static final String FORUM_ESTABLISHED = "kim.group.forum-established.v1";

	private static final String GROUP_REGISTERED = "kim.group.group-registered.v1";

	@Autowired
	PublicLogRepublisher republisher;

	@Autowired
	RecentlyPublished recent;

	@Test
	void anEventReachesItsKabupatensLogWithoutItsPhoneAndWithItsCloudEventHeaders() {
		String id = events.publish(Topics.GROUP_EVENTS, MEMBER_JOINED, "62.03",
				DomainEvents.example(MEMBER_JOINED, "62.03").toString());
		ConsumerRecord<String, byte[]> record = only(id, DomainEvents.publicLogHolding("62.03", List.of(id)));
		JsonNode payload = this.json.readTree(record.value());
		assertThat(payload.has("phone")).isFalse();
		assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("+62");
		assertThat(payload.path("gender").asString()).isEqualTo("WANITA");
		assertThat(payload.path("consent").path("sms").asBoolean()).isTrue();
		assertThat(header(record, "ce_type")).isEqualTo(MEMBER_JOINED);
		assertThat(header(record, "ce_kabupaten")).isEqualTo("62.03");
		assertThat(header(record, "ce_time")).isNotBlank();
		assertThat(header(record, "ce_subject")).as("the subject may be a phone's pseudonym").isNull();
		assertThat(record.key()).isEqualTo(id);
	}

	@Test
	void anEventStaysOutOfOtherKabupatensLogs() {
		String own = events.publish(Topics.GROUP_EVENTS, GROUP_REGISTERED, "62.04",
				DomainEvents.example(GROUP_REGISTERED, "62.04").toString());
		DomainEvents.publicLogHolding("62.04", List.of(own));
		// published after it, so the other log shows it by now if it were there
		String later = events.publish(Topics.GROUP_EVENTS, GROUP_REGISTERED, "62.05",
				DomainEvents.example(GROUP_REGISTERED, "62.05").toString());
		assertThat(DomainEvents.publicLogHolding("62.05", List.of(later)))
			.noneMatch((record) -> own.equals(header(record, "ce_id")))
			.allMatch((record) -> List.of("62.05", "62").contains(header(record, "ce_kabupaten")));
	}

	@Test
	void aProvinceWideEventReachesEveryKabupatensLogOnce() {
		String id = events.publish(Topics.GROUP_EVENTS, FORUM_ESTABLISHED, "62",
				DomainEvents.example(FORUM_ESTABLISHED, "62").toString());
		for (String kabupaten : Kabupaten.codes()) {
			only(id, DomainEvents.publicLogHolding(kabupaten, List.of(id)));
		}
	}

	@Test
	void anEventPublishedTwiceBySourceIsRepublishedOnce() {
		String payload = DomainEvents.example(GROUP_REGISTERED, "62.10").toString();
		String id = events.publish(Topics.GROUP_EVENTS, GROUP_REGISTERED, "62.10", payload);
		events.publish(id, Topics.GROUP_EVENTS, GROUP_REGISTERED, "62.10", payload);
		String after = events.publish(Topics.GROUP_EVENTS, GROUP_REGISTERED, "62.10", payload);
		only(id, DomainEvents.publicLogHolding("62.10", List.of(id, after)));
	}

	@Test
	void aSourceRepeatAfterARestartIsStillRepublishedOnce() {
		String payload = DomainEvents.example(GROUP_REGISTERED, "62.12").toString();
		String id = events.publish(Topics.GROUP_EVENTS, GROUP_REGISTERED, "62.12", payload);
		DomainEvents.publicLogHolding("62.12", List.of(id));
		// a new process remembers nothing but what the public log holds
		this.republisher.stop();
		this.recent.forgetAll();
		this.republisher.start();
		events.publish(id, Topics.GROUP_EVENTS, GROUP_REGISTERED, "62.12", payload);
		String after = events.publish(Topics.GROUP_EVENTS, GROUP_REGISTERED, "62.12", payload);
		only(id, DomainEvents.publicLogHolding("62.12", List.of(id, after)));
	}

	@Test
	void everyPublicTopicHasOnePartitionAndTheConfiguredRetention() throws Exception {
		try (Admin admin = Admin.create(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KimInfrastructure.get().kafkaBootstrapServers()))) {
			List<ConfigResource> topics = PublicTopics.all()
				.stream()
				.map((topic) -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
				.toList();
			Map<ConfigResource, Config> configs = admin.describeConfigs(topics).all().get();
			assertThat(configs.values())
				.allSatisfy((config) -> assertThat(config.get("retention.ms").value()).isEqualTo("259200000"));
			assertThat(admin.describeTopics(PublicTopics.all()).allTopicNames().get().values())
				.allSatisfy((topic) -> assertThat(topic.partitions()).hasSize(1));
		}
	}

	@Test
	void anEventWithoutASchemaIsNotPublished() {
		String unknown = events.publish(Topics.GROUP_EVENTS, "kim.group.secret-thing.v1", "62.11",
				"{\"phone\":\"+6281234567890\"}");
		String after = events.publish(Topics.GROUP_EVENTS, GROUP_REGISTERED, "62.11",
				DomainEvents.example(GROUP_REGISTERED, "62.11").toString());
		assertThat(DomainEvents.publicLogHolding("62.11", List.of(after)))
			.noneMatch((record) -> unknown.equals(header(record, "ce_id")));
	}

	@Test
	void aPoisonRecordIsDeadLetteredAndItsPartitionGoesOn() {
		// issue #13 (./kim faults, scenario 8): every other consumer of a domain topic
		// dead-letters a record it cannot read; the public log skipped it without a trace
		String poison = events.publish(Topics.GROUP_EVENTS, GROUP_REGISTERED, "62.09", "{\"kimFaultsPoison\": ");
		String after = events.publish(Topics.GROUP_EVENTS, GROUP_REGISTERED, "62.09",
				DomainEvents.example(GROUP_REGISTERED, "62.09").toString());
		assertThat(DomainEvents.publicLogHolding("62.09", List.of(after)))
			.noneMatch((record) -> poison.equals(header(record, "ce_id")));
		assertThat(DomainEvents.committedRecords(PublicLogRepublisher.deadLetterTopic(Topics.GROUP_EVENTS)))
			.anySatisfy((dead) -> {
				assertThat(header(dead, "ce_id")).isEqualTo(poison);
				assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"kimFaultsPoison\": ");
				assertThat(header(dead, "kim_dead_letter_reason")).contains("not a JSON object");
			});
	}

	@Test
	void aBatchThatCrashesBeforeItsCommitIsPublishedOnceWhenHandedOverAgain() {
		AtomicInteger crashes = new AtomicInteger();
		this.republisher.beforeCommit(() -> {
			if (crashes.incrementAndGet() <= 2) {
				throw new IllegalStateException("crash after the records were sent, before the commit");
			}
		});
		try {
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				ids.add(events.publish(Topics.GROUP_EVENTS, FORUM_ESTABLISHED, "62.13",
						DomainEvents.example(FORUM_ESTABLISHED, "62.13").toString()));
			}
			List<ConsumerRecord<String, byte[]>> log = DomainEvents.publicLogHolding("62.13", ids);
			assertThat(crashes.get()).isGreaterThan(2);
			for (String id : ids) {
				only(id, log);
			}
		}
		finally {
			this.republisher.beforeCommit(() -> {
			});
		}
	}

	@Test
	void aRestartedRepublisherGoesOnWhereItsCommittedOffsetsAre() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			ids.add(events.publish(Topics.ACTIVITY_EVENTS, "kim.activity.activity-planned.v1", "62.02",
					DomainEvents.example("kim.activity.activity-planned.v1", "62.02").toString()));
		}
		this.republisher.stop();
		for (int i = 0; i < 10; i++) {
			ids.add(events.publish(Topics.ACTIVITY_EVENTS, "kim.activity.activity-planned.v1", "62.02",
					DomainEvents.example("kim.activity.activity-planned.v1", "62.02").toString()));
		}
		this.republisher.start();
		List<ConsumerRecord<String, byte[]>> log = DomainEvents.publicLogHolding("62.02", ids);
		for (String id : ids) {
			only(id, log);
		}
	}

	private static ConsumerRecord<String, byte[]> only(String id, List<ConsumerRecord<String, byte[]>> log) {
		List<ConsumerRecord<String, byte[]>> matching = log.stream()
			.filter((record) -> id.equals(header(record, "ce_id")))
			.toList();
		assertThat(matching).as("records of event " + id).hasSize(1);
		return matching.get(0);
	}

}
