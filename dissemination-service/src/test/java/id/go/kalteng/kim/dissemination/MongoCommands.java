package id.go.kalteng.kim.dissemination;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records every command the service sends to MongoDB, with the thread that sent it, the
 * collection and whether its filter finds documents by {@code _id} only (the one shape
 * the embedded MongoDB-wire server answers through an index: {@code {_id: X}},
 * {@code {_id: {$in: [...]}}}, or the {@code {_id, version}} compare-and-set). An
 * {@code aggregate} always reads the whole collection there.
 */
public class MongoCommands implements CommandListener {

	private static final Set<String> ID_ONLY = Set.of("_id");

	private static final Set<String> ID_AND_VERSION = Set.of("_id", "version");

	private final List<Command> commands = new ArrayList<>();

	@Override
	public void commandStarted(CommandStartedEvent event) {
		BsonDocument command = event.getCommand();
		String name = event.getCommandName();
		BsonValue target = command.get(name);
		if (target == null || !target.isString()) {
			return;
		}
		Command recorded = new Command(Thread.currentThread().getName(), target.asString().getValue(), name,
				byIdOnly(name, command), System.nanoTime());
		synchronized (this.commands) {
			this.commands.add(recorded);
		}
	}

	/** Forgets what was recorded. */
	public void clear() {
		synchronized (this.commands) {
			this.commands.clear();
		}
	}

	/** What was recorded since the last {@link #clear()}. */
	public List<Command> recorded() {
		synchronized (this.commands) {
			return List.copyOf(this.commands);
		}
	}

	/** The commands sent by threads other than the test's own (consumers, relay). */
	public List<Command> sentBy(Predicate<String> thread) {
		return recorded().stream().filter((command) -> thread.test(command.thread())).toList();
	}

	/**
	 * Counts per "collection command by-id|SCAN".
	 * @param commands the commands
	 * @return the counts, sorted
	 */
	public static Map<String, Long> tally(List<Command> commands) {
		Map<String, Long> tally = new TreeMap<>();
		for (Command command : commands) {
			tally.merge(command.collection() + " " + command.name() + (command.byIdOnly() ? " by-id" : " SCAN"), 1L,
					Long::sum);
		}
		return tally;
	}

	private static boolean byIdOnly(String name, BsonDocument command) {
		return switch (name) {
			case "find", "count", "distinct" -> byId(command.getDocument("filter", command.getDocument("query", null)));
			case "findAndModify" -> byId(command.getDocument("query", null));
			case "update" -> every(command.getArray("updates", new BsonArray()), "q");
			case "delete" -> every(command.getArray("deletes", new BsonArray()), "q");
			case "insert", "createIndexes", "listIndexes", "dropIndexes" -> true;
			default -> false; // aggregate and the rest read the whole collection
		};
	}

	private static boolean every(BsonArray statements, String field) {
		return statements.stream().allMatch((statement) -> byId(statement.asDocument().getDocument(field, null)));
	}

	private static boolean byId(BsonDocument filter) {
		if (filter == null) {
			return false;
		}
		if (filter.keySet().equals(ID_ONLY)) {
			BsonValue id = filter.get("_id");
			return !id.isDocument() || id.asDocument().keySet().equals(Set.of("$in"));
		}
		return filter.keySet().equals(ID_AND_VERSION) && !filter.get("_id").isDocument()
				&& !filter.get("version").isDocument();
	}

	/**
	 * One command sent.
	 *
	 * @param thread the sending thread
	 * @param collection the collection
	 * @param name the command
	 * @param byIdOnly whether it finds its documents by {@code _id} only
	 * @param at when it was sent ({@link System#nanoTime()})
	 */
	public record Command(String thread, String collection, String name, boolean byIdOnly, long at) {

	}

	/** Adds the recorder to the service's MongoDB client. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Recording {

		@Bean
		MongoCommands mongoCommands() {
			return new MongoCommands();
		}

		@Bean
		MongoClientSettingsBuilderCustomizer recordMongoCommands(MongoCommands commands) {
			return (settings) -> settings.addCommandListener(commands);
		}

	}

}
