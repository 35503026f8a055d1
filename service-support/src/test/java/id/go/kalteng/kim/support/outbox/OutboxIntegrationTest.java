package id.go.kalteng.kim.support.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.contracts.group.GroupUpdatedEvent;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.outbox.SupportTestApplication.TestGroup;
import id.go.kalteng.kim.support.test.KimIntegrationTest;
import id.go.kalteng.kim.support.test.TestTokens;
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
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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

	@Autowired
	MockMvc mockMvc;

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
	void aChangeWithoutIfMatchIsReappliedAfterAConcurrentWrite() {
		String id = UUID.randomUUID().toString();
		this.store.save(TestGroup.register(id, "KIM Bukit Rawi", "62.11"));
		AtomicInteger applied = new AtomicInteger();
		String result = this.store.change(() -> this.store.findById(id, TestGroup.class).orElseThrow(), null,
				(TestGroup group) -> {
					if (applied.incrementAndGet() == 1) {
						// someone else saves between this request's read and its write
						TestGroup other = this.store.findById(id, TestGroup.class).orElseThrow();
						other.rename("KIM Bukit Rawi Lama");
						this.store.save(other);
					}
					group.rename(group.name() + " Baru");
					return group.name();
				});
		assertThat(applied).hasValue(2);
		assertThat(result).isEqualTo("KIM Bukit Rawi Lama Baru");
		assertThat(this.store.findById(id, TestGroup.class).orElseThrow().name()).isEqualTo(result);
	}

	@Test
	void aChangeWithAStaleIfMatchIsRefusedWith412() {
		String id = UUID.randomUUID().toString();
		this.store.save(TestGroup.register(id, "KIM Tangkiling", "62.71"));
		TestGroup other = this.store.findById(id, TestGroup.class).orElseThrow();
		other.rename("KIM Tangkiling Baru");
		this.store.save(other);
		assertThatThrownBy(() -> this.store.change(() -> this.store.findById(id, TestGroup.class).orElseThrow(),
				"\"1\"", (TestGroup group) -> {
					group.rename("x");
					return group;
				}))
			.isInstanceOfSatisfying(DomainException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(DomainException.Kind.STALE_VERSION));
		assertThat(this.store.findById(id, TestGroup.class).orElseThrow().name()).isEqualTo("KIM Tangkiling Baru");
		assertThat(this.store.changeIfPresent("missing", TestGroup.class, (group) -> true)).isFalse();
	}

	@Test
	void aChangeThatChangesNothingIsNotSavedAndKeepsTheVersion() {
		String id = UUID.randomUUID().toString();
		this.store.save(TestGroup.register(id, "KIM Tumbang Rungan", "62.71"));
		long version = this.store.findById(id, TestGroup.class).orElseThrow().getVersion();
		TestGroup unchanged = this.store.changeIfChanged(() -> this.store.findById(id, TestGroup.class).orElseThrow(),
				null, (group) -> false);
		assertThat(unchanged.getVersion()).isEqualTo(version);
		assertThat(this.store.findById(id, TestGroup.class).orElseThrow().getVersion()).isEqualTo(version);
		TestGroup renamed = this.store.changeIfChanged(() -> this.store.findById(id, TestGroup.class).orElseThrow(),
				"\"" + version + "\"", (group) -> {
					group.rename("KIM Tumbang Rungan Baru");
					return true;
				});
		assertThat(renamed.getVersion()).isEqualTo(version + 1);
		assertThat(this.store.findById(id, TestGroup.class).orElseThrow().name()).isEqualTo("KIM Tumbang Rungan Baru");
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
	void aBulkSaveStoresAndPublishesEachUnchangedOneAndLeavesThoseChangedMeanwhileAlone() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String id = UUID.randomUUID().toString();
			ids.add(id);
			this.store.save(TestGroup.register(id, "KIM Kereng " + i, "62.71"));
		}
		List<TestGroup> loaded = new ArrayList<>();
		ids.forEach((id) -> loaded.add(this.store.findById(id, TestGroup.class).orElseThrow()));
		// another writer saves the first one between this read and the bulk save
		TestGroup other = this.store.findById(ids.get(0), TestGroup.class).orElseThrow();
		other.rename("KIM Kereng Lain");
		this.store.save(other);
		loaded.forEach((group) -> group.renameAndAnnounce(group.name() + " Baru"));

		assertThat(this.store.saveAll(loaded)).isEqualTo(4);

		assertThat(this.store.findById(ids.get(0), TestGroup.class).orElseThrow().name()).isEqualTo("KIM Kereng Lain");
		for (String id : ids.subList(1, 5)) {
			TestGroup stored = this.store.findById(id, TestGroup.class).orElseThrow();
			assertThat(stored.name()).endsWith(" Baru");
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(
						() -> assertThat(groupEvents.forSubject(id)).extracting((r) -> TopicReader.header(r, "ce_type"))
							.containsExactly(GroupRegisteredEvent.TYPE, GroupUpdatedEvent.TYPE));
		}
		assertThat(groupEvents.forSubject(ids.get(0))).extracting((r) -> TopicReader.header(r, "ce_type"))
			.doesNotContain(GroupUpdatedEvent.TYPE);
		assertThat(this.store.saveAll(List.<TestGroup>of())).isZero();
	}

	@Test
	void changeOrCreateCreatesWhatIsMissingAndReappliesWhenAnotherCreatedItFirst() {
		String id = UUID.randomUUID().toString();
		AtomicInteger applied = new AtomicInteger();

		boolean changed = this.store.changeOrCreate(id, TestGroup.class,
				() -> TestGroup.register(id, "KIM Sei Gohong", "62.71"), (group) -> {
					if (applied.incrementAndGet() == 1) {
						// another writer creates the same id between this read and its
						// insert
						this.store.save(TestGroup.register(id, "KIM Sei Gohong Lain", "62.71"));
					}
					group.rename(group.name() + " Baru");
					return true;
				});

		assertThat(changed).isTrue();
		assertThat(applied).hasValue(2);
		assertThat(this.store.findById(id, TestGroup.class).orElseThrow().name()).isEqualTo("KIM Sei Gohong Lain Baru");
		String missing = UUID.randomUUID().toString();
		assertThat(this.store.changeOrCreate(missing, TestGroup.class,
				() -> TestGroup.register(missing, "KIM Nothing", "62.71"), (group) -> false))
			.isFalse();
		assertThat(this.store.findById(missing, TestGroup.class)).isEmpty();
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

	@Test
	void theOutboxEndpointIsForOperatorsOnlyAndShowsNoPayload() throws Exception {
		this.mockMvc.perform(get("/actuator/outbox").with(TestTokens.operator("operator-1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.pendingDocuments.test_groups").isNumber())
			.andExpect(jsonPath("$.parked").isArray())
			.andExpect(jsonPath("$..data").doesNotExist());
		this.mockMvc.perform(get("/actuator/outbox").with(TestTokens.agency("62.71")))
			.andExpect(status().isForbidden());
		this.mockMvc.perform(get("/actuator/outbox")).andExpect(status().isUnauthorized());
		this.mockMvc
			.perform(post("/actuator/outbox/test_groups/" + UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
				.with(TestTokens.operator("operator-1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.requeued").value(0));
		this.mockMvc
			.perform(post("/actuator/outbox/test_groups/x").contentType(MediaType.APPLICATION_JSON)
				.with(TestTokens.agency("62.71")))
			.andExpect(status().isForbidden());
	}

	@SuppressWarnings("unchecked")
	private List<Object> pendingOf(String id) {
		Document doc = this.mongo.getCollection("test_groups").find(new Document("_id", id)).first();
		return (List<Object>) doc.get(OutboxEvent.FIELD);
	}

}
