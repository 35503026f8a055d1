package id.go.kalteng.kim.support.outbox;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.support.outbox.SupportTestApplication.TestGroup;
import id.go.kalteng.kim.support.test.KimIntegrationTest;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@KimIntegrationTest
@SpringBootTest(classes = SupportTestApplication.class,
		properties = { "spring.application.name=support-test",
				"spring.cloud.stream.bindings.onGroupEvent-in-0.destination=kim.group.events",
				"spring.cloud.stream.bindings.onGroupEvent-in-0.group=support-test" })
class OutboxIntegrationTest {

	private static TopicReader groupEvents;

	@Autowired
	AggregateStore store;

	@Autowired
	MongoTemplate mongo;

	@BeforeAll
	static void subscribe() {
		groupEvents = new TopicReader(Topics.GROUP_EVENTS);
	}

	@AfterAll
	static void unsubscribe() {
		groupEvents.close();
	}

	@Test
	void savedChangeIsPublishedAsABinaryModeCloudEventAndThenCleared() {
		String id = UUID.randomUUID().toString();
		this.store.save(TestGroup.register(id, "KIM Menteng", "62.71"));

		ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(20))
			.until(() -> groupEvents.forSubject(id), (records) -> !records.isEmpty())
			.get(0);
		assertThat(record.key()).isEqualTo(id);
		assertThat(TopicReader.header(record, "ce_type")).isEqualTo(GroupRegisteredEvent.TYPE);
		assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
		assertThat(TopicReader.header(record, "ce_source")).isEqualTo("/kim/support-test");
		assertThat(TopicReader.header(record, "ce_kabupaten")).isEqualTo("62.71");
		assertThat(TopicReader.header(record, "ce_id")).isNotBlank();
		assertThat(TopicReader.header(record, "ce_time")).isNotBlank();
		EventSchemas.assertValid(GroupRegisteredEvent.TYPE, TopicReader.value(record));
		await().untilAsserted(() -> assertThat(pendingOf(id)).isEmpty());
	}

	@Test
	void staleSaveIsRefusedAndChangesNothing() {
		String id = UUID.randomUUID().toString();
		this.store.save(TestGroup.register(id, "KIM Pahandut", "62.71"));
		TestGroup first = this.store.findById(id, TestGroup.class).orElseThrow();
		TestGroup second = this.store.findById(id, TestGroup.class).orElseThrow();
		first.rename("KIM Pahandut Seberang");
		this.store.save(first);
		second.rename("KIM Lain");

		assertThatThrownBy(() -> this.store.save(second)).isInstanceOf(OptimisticLockingFailureException.class);
		TestGroup stored = this.store.findById(id, TestGroup.class).orElseThrow();
		assertThat(stored.name()).isEqualTo("KIM Pahandut Seberang");
		assertThat(stored.getVersion()).isEqualTo(2);
	}

	@Test
	void secondInsertOfTheSameIdIsRefused() {
		String id = UUID.randomUUID().toString();
		this.store.save(TestGroup.register(id, "KIM Bukit Tunggal", "62.71"));
		assertThatThrownBy(() -> this.store.save(TestGroup.register(id, "KIM Bukit Tunggal", "62.71")))
			.isInstanceOf(DuplicateKeyException.class);
	}

	@Test
	void fieldSetToNullIsRemovedFromTheDocument() {
		String id = UUID.randomUUID().toString();
		this.store.save(TestGroup.register(id, "KIM Palangka", "62.71"));
		TestGroup group = this.store.findById(id, TestGroup.class).orElseThrow();
		group.forgetKabupaten();
		this.store.save(group);
		assertThat(this.mongo.getCollection("test_groups").find(new Document("_id", id)).first())
			.doesNotContainKey("kabupaten");
	}

	@Test
	void batchInsertSkipsWhatExistsSoARepeatAddsOnlyTheMissing() {
		String a = UUID.randomUUID().toString();
		String b = UUID.randomUUID().toString();
		assertThat(this.store.insertAllIgnoringExisting(List.of(TestGroup.register(a, "A", "62.03")))).isEqualTo(1);
		assertThat(this.store.insertAllIgnoringExisting(
				List.of(TestGroup.register(a, "A", "62.03"), TestGroup.register(b, "B", "62.03"))))
			.isEqualTo(1);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(groupEvents.forSubject(a)).hasSize(1);
			assertThat(groupEvents.forSubject(b)).hasSize(1);
		});
	}

	@SuppressWarnings("unchecked")
	private List<Object> pendingOf(String id) {
		Document doc = this.mongo.getCollection("test_groups").find(new Document("_id", id)).first();
		return (List<Object>) doc.get(OutboxEvent.FIELD);
	}

}
