package id.go.kalteng.kim.support.messaging;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dedupe records are found by {@code _id} only (never counted, which scans them all),
 * one at a time or a batch at once, and a batch is remembered in one insert that skips
 * what was remembered before.
 */
class ProcessedEventsTest {

	private static MongoServer server;

	private static MongoClient client;

	private static final List<Sent> commands = new CopyOnWriteArrayList<>();

	private ProcessedEvents processed;

	@BeforeAll
	static void startDatabase() {
		server = new MongoServer(new MemoryBackend());
		String uri = server.bindAndGetConnectionString();
		client = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(uri))
			.addCommandListener(new CommandListener() {

				@Override
				public void commandStarted(CommandStartedEvent event) {
					commands.add(new Sent(event.getCommandName(), event.getCommand().clone()));
				}

			})
			.build());
	}

	@AfterAll
	static void stopDatabase() {
		client.close();
		server.shutdownNow();
	}

	@BeforeEach
	void fresh() {
		MongoTemplate mongo = new MongoTemplate(client, "processed-" + System.nanoTime());
		this.processed = new ProcessedEvents(mongo);
		commands.clear();
	}

	@Test
	void anEventIsLookedUpByIdNotCounted() {
		this.processed.markProcessed("c", event("e1"));
		commands.clear();

		assertThat(this.processed.isProcessed("c", "e1")).isTrue();
		assertThat(this.processed.isProcessed("c", "e2")).isFalse();
		assertThat(this.processed.isProcessed("other", "e1")).isFalse();

		assertThat(commands).extracting(Sent::name).containsOnly("find");
		assertThat(commands).allSatisfy(
				(command) -> assertThat(command.command().getDocument("filter").keySet()).containsExactly("_id"));
	}

	@Test
	void aBatchIsLookedUpInOneQueryByIds() {
		this.processed.markProcessed("c", event("e1"));
		this.processed.markProcessed("c", event("e3"));
		this.processed.markProcessed("other", event("e2"));
		commands.clear();

		assertThat(this.processed.processedAmong("c", List.of("e1", "e2", "e3", "e4", "e1")))
			.isEqualTo(Set.of("e1", "e3"));

		assertThat(commands).hasSize(1);
		assertThat(commands.get(0).name()).isEqualTo("find");
		assertThat(commands.get(0).command().getDocument("filter").getDocument("_id").keySet()).containsExactly("$in");
	}

	@Test
	void aBatchRememberedAgainAfterACrashHalfwayAddsOnlyWhatIsMissing() {
		// the first try remembered e1 and e2, then the consumer died
		this.processed.markAllProcessed("c", List.of(event("e1"), event("e2")));
		commands.clear();

		this.processed.markAllProcessed("c", List.of(event("e1"), event("e2"), event("e3"), event("e3")));

		assertThat(commands).extracting(Sent::name).containsExactly("insert");
		assertThat(this.processed.processedAmong("c", List.of("e1", "e2", "e3", "e4"))).containsExactlyInAnyOrder("e1",
				"e2", "e3");
		assertThat(this.processed.isProcessed("c", "e3")).isTrue();
	}

	private record Sent(String name, BsonDocument command) {

	}

	private static InboundEvent event(String id) {
		return new InboundEvent(id, "kim.test.v1", "test", null, null, null, new byte[0], "c");
	}

}
