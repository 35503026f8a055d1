package id.go.kalteng.kim.infra.mongo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB-wire-compatible server whose data lives in one H2 file, so the services run
 * against a MongoDB URI locally and in CI without a mongod binary or Docker.
 */
public final class MongoWireServer implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(MongoWireServer.class);

	private final MongoWireSettings settings;

	private MongoServer server;

	private MVStore store;

	public MongoWireServer(MongoWireSettings settings) {
		this.settings = settings;
	}

	public static void main(String[] args) {
		MongoWireServer server = new MongoWireServer(MongoWireSettings.fromEnvironment(System.getenv()));
		// SIGTERM from ./kim down: close the H2 store so the last writes reach the file
		Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mongo-wire-shutdown"));
		server.start();
	}

	/**
	 * Opens the data file and starts listening.
	 * @return the bound address
	 */
	public synchronized InetSocketAddress start() {
		try {
			Files.createDirectories(this.settings.dataFile().toAbsolutePath().getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the directory of " + this.settings.dataFile(), ex);
		}
		this.store = new MVStore.Builder().fileName(this.settings.dataFile().toString())
			.cacheSize(this.settings.cacheMegabytes())
			.open();
		H2Backend backend = new VersionPinningH2Backend(this.store);
		this.server = new MongoServer(backend);
		this.server.bind(new InetSocketAddress(this.settings.host(), this.settings.port()), 1,
				this.settings.workerThreads());
		InetSocketAddress address = this.server.getLocalAddress();
		log.info("MongoDB-wire server listening on {}:{} with {} event loops, data in {} ({} MB page cache)",
				address.getHostString(), address.getPort(), this.settings.workerThreads(), this.settings.dataFile(),
				this.settings.cacheMegabytes());
		return address;
	}

	/** The store's page cache in effect, in MB (0 before the start). */
	synchronized int pageCacheMegabytes() {
		return (this.store != null) ? this.store.getCacheSize() : 0;
	}

	/**
	 * Stops listening, closes client connections and closes the H2 store cleanly.
	 */
	@Override
	public synchronized void close() {
		if (this.server != null) {
			log.info("Stopping the MongoDB-wire server");
			// shutdownNow also closes the backend, which commits and closes the MVStore
			this.server.shutdownNow();
			this.server = null;
		}
	}

}
