package id.go.kalteng.kim.support.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import id.go.kalteng.kim.contracts.EventType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A poll's records dispatched at once keep the rules of one at a time: once per
 * {@code ce_id}, unknown types skipped, and a failing record named by its index with
 * everything before it applied and remembered, so that the container commits those and
 * hands the batch again from the failing one.
 */
class EventDispatcherBatchTest {

	private static MongoServer server;

	private static MongoClient client;

	private ProcessedEvents processed;

	private final List<List<String>> batches = new ArrayList<>();

	private final List<String> failOn = new ArrayList<>();

	@BeforeAll
	static void startDatabase() {
		server = new MongoServer(new MemoryBackend());
		client = MongoClients.create(server.bindAndGetConnectionString());
	}

	@AfterAll
	static void stopDatabase() {
		client.close();
		server.shutdownNow();
	}

	@BeforeEach
	void fresh() {
		this.processed = new ProcessedEvents(new MongoTemplate(client, "dispatch-" + System.nanoTime()));
	}

	@Test
	void aBatchIsHandedToItsHandlerOnceWithDuplicatesAndUnknownTypesLeftOut() {
		EventDispatcher dispatcher = dispatcher(true);

		dispatcher.dispatchAll(List.of(message("e1", "a"), message("e2", "b"), message("x", "kim.test.other.v1", "c"),
				message("e1", "a"), message("e3", "d")));

		assertThat(this.batches).containsExactly(List.of("a", "b", "d"));
		assertThat(this.processed.processedAmong("test", List.of("e1", "e2", "e3", "x")))
			.containsExactlyInAnyOrder("e1", "e2", "e3");
	}

	@Test
	void aBatchRedeliveredAfterACrashAppliesOnlyWhatWasNotRemembered() {
		EventDispatcher dispatcher = dispatcher(true);
		// the first delivery applied and remembered e1 and e2, then the consumer died
		// before committing
		dispatcher.dispatchAll(List.of(message("e1", "a"), message("e2", "b")));
		this.batches.clear();

		dispatcher.dispatchAll(List.of(message("e1", "a"), message("e2", "b"), message("e3", "c")));

		assertThat(this.batches).containsExactly(List.of("c"));
	}

	@Test
	void aFailingRecordIsNamedByItsIndexAfterTheRecordsBeforeItAreAppliedAndRemembered() {
		EventDispatcher dispatcher = dispatcher(true);
		this.failOn.add("c");

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> dispatcher
				.dispatchAll(List.of(message("e1", "a"), message("e2", "b"), message("e3", "c"), message("e4", "d"))))
			.satisfies((ex) -> assertThat(ex.getIndex()).isEqualTo(2));

		assertThat(this.processed.processedAmong("test", List.of("e1", "e2", "e3", "e4")))
			.containsExactlyInAnyOrder("e1", "e2");
		// the container hands the batch again from the failing record; it was
		// dead-lettered
		this.failOn.clear();
		this.batches.clear();
		dispatcher.dispatchAll(List.of(message("e4", "d")));
		assertThat(this.batches).containsExactly(List.of("d"));
	}

	@Test
	void aPassingFailureNamesTheFirstRecordOfTheBatchAndStaysPassingForTheRetryPolicy() {
		EventDispatcher dispatcher = dispatcher(true);
		dispatcher.dispatchAll(List.of(message("e1", "a")));
		this.failOn.add("database away");

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> dispatcher.dispatchAll(List.of(message("e1", "a"), message("e2", "b"),
					message("e3", "database away"), message("e4", "d"))))
			.satisfies((ex) -> {
				// e1 was handled before: the retry starts at e2, nothing is applied one
				// by
				// one
				assertThat(ex.getIndex()).isEqualTo(1);
				assertThat(TransientFailures.isTransient(ex)).isTrue();
			});
		assertThat(this.processed.processedAmong("test", List.of("e2", "e3", "e4"))).isEmpty();
	}

	@Test
	void aRecordThatIsNoCloudEventIsNamedAfterTheRecordsBeforeIt() {
		EventDispatcher dispatcher = dispatcher(true);
		Message<byte[]> poison = MessageBuilder.withPayload("{}".getBytes(StandardCharsets.UTF_8)).build();

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> dispatcher.dispatchAll(List.of(message("e1", "a"), poison, message("e2", "b"))))
			.satisfies((ex) -> assertThat(ex.getIndex()).isEqualTo(1));

		assertThat(this.batches).containsExactly(List.of("a"));
	}

	@Test
	void withoutReceiptsNothingIsLookedUpOrRememberedButARepeatInTheBatchIsDroppedStill() {
		EventDispatcher dispatcher = dispatcher(false);

		dispatcher.dispatchAll(List.of(message("e1", "a"), message("e1", "a"), message("e2", "b")));

		assertThat(this.batches).containsExactly(List.of("a", "b"));
		assertThat(this.processed.processedAmong("test", List.of("e1", "e2"))).isEmpty();
	}

	@Test
	void aBatchMessageOfTheBinderIsSplitIntoItsRecordsWithTheirOwnHeaders() {
		EventDispatcher dispatcher = dispatcher(true);
		Message<List<byte[]>> batch = MessageBuilder.<List<byte[]>>withPayload(List.of(payload("a"), payload("b")))
			.setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS,
					List.of(Map.of("ce_id", "e1".getBytes(StandardCharsets.UTF_8), "ce_type", Thing.TYPE),
							Map.of("ce_id", "e2", "ce_type", Thing.TYPE.getBytes(StandardCharsets.UTF_8))))
			.build();

		dispatcher.dispatchBatch(batch);

		assertThat(this.batches).containsExactly(List.of("a", "b"));
	}

	private EventDispatcher dispatcher(boolean receipts) {
		EventDispatcher.Builder builder = EventDispatcher
			.builder("test", this.processed, JsonMapper.builder().build(), new SimpleMeterRegistry())
			.onBatch(Thing.class, (things) -> {
				for (Thing thing : things) {
					if (this.failOn.contains(thing.name())) {
						throw thing.name().equals("database away")
								? new DataAccessResourceFailureException("Timed out connecting to the database")
								: new IllegalArgumentException("cannot take " + thing.name());
					}
				}
				this.batches.add(things.stream().map(Thing::name).toList());
			});
		return receipts ? builder.build() : builder.withoutReceipts().build();
	}

	private static Message<byte[]> message(String id, String name) {
		return message(id, Thing.TYPE, name);
	}

	private static Message<byte[]> message(String id, String type, String name) {
		return MessageBuilder.withPayload(payload(name)).setHeader("ce_id", id).setHeader("ce_type", type).build();
	}

	private static byte[] payload(String name) {
		return ("{\"name\":\"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
	}

	@EventType(value = Thing.TYPE, topic = "kim.test")
	record Thing(String name) {

		static final String TYPE = "kim.test.thing.v1";

	}

}
