package id.go.kalteng.kim.infra.mongo;

import java.util.Collection;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with every request pinned to the MVStore version it
 * reads.
 * <p>
 * The backend reads H2 maps while the store auto-commits on other threads, and nothing
 * tells the store that a version is still being read. H2's maintainers say what follows
 * (h2database#2590, #2118): with auto-commit on, an access not wrapped in
 * {@link MVStore#registerVersionUsage()} / {@link MVStore#deregisterVersionUsage} may
 * find that the chunks of the version it started on were dropped meanwhile, and fails
 * with {@code MVStoreException: Chunk N not found}. That is what a 100,000-recipient
 * benchmark saw: full scans of the recipient projection while ~100k joins were being
 * written. Each request here registers its version first, so the store keeps what it
 * reads until the answer is built (cursors hold their remaining documents in memory, so
 * nothing reads the store after the request ends).
 */
final class VersionPinningH2Backend extends H2Backend {

	private final MVStore store;

	VersionPinningH2Backend(MVStore store) {
		super(store);
		this.store = store;
	}

	@Override
	public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
		return pinned(() -> super.handleCommand(channel, databaseName, command, query));
	}

	@Override
	public QueryResult handleQuery(MongoQuery query) {
		return pinned(() -> super.handleQuery(query));
	}

	@Override
	public Document handleMessage(MongoMessage message) {
		return pinned(() -> super.handleMessage(message));
	}

	@Override
	public Collection<Document> getCurrentOperations(MongoQuery query) {
		return pinned(() -> super.getCurrentOperations(query));
	}

	private <T> T pinned(Supplier<T> request) {
		MVStore.TxCounter usage = this.store.registerVersionUsage();
		try {
			return request.get();
		}
		finally {
			this.store.deregisterVersionUsage(usage);
		}
	}

}
