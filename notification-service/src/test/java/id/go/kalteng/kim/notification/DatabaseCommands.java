package id.go.kalteng.kim.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Every command the service sends to the database, with its collection, the thread that
 * sent it and whether it finds its documents by {@code _id} only, so that tests can count
 * round trips per message and catch a scan on a hot path.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DatabaseCommands {

	private static final Set<String> IGNORED = Set.of("hello", "isMaster", "ismaster", "ping", "buildInfo",
			"endSessions", "listIndexes", "createIndexes", "killCursors");

	private final ConcurrentLinkedQueue<Command> commands = new ConcurrentLinkedQueue<>();

	private volatile boolean recording;

	private volatile Thread ignoredThread;

	@Bean
	MongoClientSettingsBuilderCustomizer databaseCommandsListener() {
		CommandListener listener = new CommandListener() {

			@Override
			public void commandStarted(CommandStartedEvent event) {
				if (DatabaseCommands.this.recording && Thread.currentThread() != DatabaseCommands.this.ignoredThread
						&& !IGNORED.contains(event.getCommandName())) {
					DatabaseCommands.this.commands.add(Command.of(event));
				}
			}

		};
		return (settings) -> settings.addCommandListener(listener);
	}

	/**
	 * Starts recording afresh; commands of the calling thread (the test's own checks) are
	 * not recorded.
	 */
	public void start() {
		this.commands.clear();
		this.ignoredThread = Thread.currentThread();
		this.recording = true;
	}

	public List<Command> stop() {
		this.recording = false;
		return new ArrayList<>(this.commands);
	}

	/** Commands per "collection command" (e.g. {@code notifications find}), sorted. */
	public static Map<String, Integer> byCollection(List<Command> commands) {
		Map<String, Integer> counts = new TreeMap<>();
		commands.forEach((command) -> counts.merge(command.collection() + " " + command.name(), 1, Integer::sum));
		return counts;
	}

	/**
	 * One command as sent.
	 *
	 * @param name the command's name ({@code find}, {@code update} ...)
	 * @param collection the collection it works on
	 * @param byIdOnly whether every filter in it names documents by {@code _id} (a value
	 * or {@code $in}), or by {@code _id} and {@code version} (the aggregates' unique
	 * index); true for inserts
	 * @param thread the thread that sent it
	 * @param filter the filter(s), for messages
	 */
	public record Command(String name, String collection, boolean byIdOnly, String thread, String filter) {

		static Command of(CommandStartedEvent event) {
			BsonDocument command = event.getCommand();
			String name = event.getCommandName();
			BsonValue target = command.get(name);
			String collection = (target != null && target.isString()) ? target.asString().getValue()
					: command.containsKey("collection") ? command.getString("collection").getValue() : "?";
			List<BsonDocument> filters = new ArrayList<>();
			boolean scan = false;
			switch (name) {
				case "find", "delete_", "count" ->
					filters.add(command.getDocument(name.equals("count") ? "query" : "filter", new BsonDocument()));
				case "findAndModify" -> filters.add(command.getDocument("query", new BsonDocument()));
				case "update" -> statements(command, "updates").forEach((s) -> filters.add(s.getDocument("q")));
				case "delete" -> statements(command, "deletes").forEach((s) -> filters.add(s.getDocument("q")));
				case "aggregate", "distinct", "mapReduce" -> scan = true;
				default -> {
				}
			}
			if (name.equals("count")) {
				scan = true;
			}
			boolean byId = !scan && filters.stream().allMatch(Command::isById);
			return new Command(name, collection, byId, Thread.currentThread().getName(),
					scan ? command.toJson() : filters.toString());
		}

		private static List<BsonDocument> statements(BsonDocument command, String field) {
			BsonArray array = command.getArray(field, new BsonArray());
			return array.getValues().stream().map(BsonValue::asDocument).toList();
		}

		private static boolean isById(BsonDocument filter) {
			Set<String> keys = filter.keySet();
			if (!keys.contains("_id") || !(keys.size() == 1 || (keys.size() == 2 && keys.contains("version")))) {
				return false;
			}
			BsonValue id = filter.get("_id");
			if (id.isDocument()) {
				return id.asDocument().keySet().equals(Set.of("$in"));
			}
			return keys.size() == 1 || !filter.get("version").isDocument();
		}

	}

}
