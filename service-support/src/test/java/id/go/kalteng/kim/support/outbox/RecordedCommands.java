package id.go.kalteng.kim.support.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The commands a test application sent to the database, with the filters they used: how
 * tests see whether a path reads documents only by {@code _id} (an index lookup on the
 * MongoDB-wire server) or by another field (a scan of the whole collection there).
 */
public class RecordedCommands implements CommandListener {

	private final List<Command> commands = new CopyOnWriteArrayList<>();

	@Override
	public void commandStarted(CommandStartedEvent event) {
		BsonDocument command = event.getCommand().clone();
		String name = event.getCommandName();
		BsonValue target = command.get(name);
		String collection = (target != null && target.isString()) ? target.asString().getValue() : null;
		for (BsonDocument filter : filtersOf(name, command)) {
			// the event's documents live only during this call: keep a copy
			this.commands.add(new Command(name, collection, filter.clone()));
		}
	}

	private static List<BsonDocument> filtersOf(String name, BsonDocument command) {
		List<BsonDocument> filters = new ArrayList<>();
		switch (name) {
			case "find", "count" ->
				filters.add(command.getDocument("filter", command.getDocument("query", new BsonDocument())));
			case "findAndModify" -> filters.add(command.getDocument("query", new BsonDocument()));
			case "update" -> each(command.getArray("updates", new BsonArray()), "q", filters);
			case "delete" -> each(command.getArray("deletes", new BsonArray()), "q", filters);
			case "aggregate" -> filters.add(new BsonDocument("$aggregate", command.get("pipeline")));
			case "insert" -> filters.add(new BsonDocument("_id", new BsonDocument()));
			default -> {
			}
		}
		return filters;
	}

	private static void each(BsonArray statements, String field, List<BsonDocument> filters) {
		statements.forEach((statement) -> filters.add(statement.asDocument().getDocument(field)));
	}

	/** Forgets what was recorded so far. */
	public void clear() {
		this.commands.clear();
	}

	/** The commands on a collection since the last {@link #clear}. */
	public List<Command> on(String collection) {
		return this.commands.stream().filter((command) -> collection.equals(command.collection())).toList();
	}

	/**
	 * One command, one filter (an update or delete with many statements gives one per
	 * statement).
	 */
	public record Command(String name, String collection, BsonDocument filter) {

		/**
		 * Whether the filter names exactly {@code _id}, or {@code _id} and
		 * {@code version}: the shapes an index serves on the MongoDB-wire server.
		 */
		public boolean byIdOnly() {
			Set<String> keys = this.filter.keySet();
			return keys.equals(Set.of("_id")) || keys.equals(Set.of("_id", "version"));
		}

	}

}
