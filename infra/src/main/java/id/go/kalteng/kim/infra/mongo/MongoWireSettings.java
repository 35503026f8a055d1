package id.go.kalteng.kim.infra.mongo;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the MongoDB-wire server listens and keeps its data, read from the environment the
 * launcher sets (this process has no Spring context to bind properties with).
 *
 * @param host the address to bind
 * @param port the port to bind; 0 picks a free one
 * @param dataFile the H2 MVStore file holding every database
 * @param workerThreads the server's network event loops
 * ({@code KIM_MONGODB_WORKER_THREADS}): each connection is served on one of them, a
 * request at a time, so a long request (a bulk insert, a scan) holds up every other
 * connection on its loop; more loops than the library's default (two per core) leave
 * fewer connections behind each
 * @param cacheMegabytes the H2 store's page cache ({@code KIM_MONGODB_CACHE_MB}): a page
 * that is not in it is read from the file and its documents and index keys deserialized
 * (Java serialization) on every access, which is most of what the server does once the
 * data outgrows the cache
 */
public record MongoWireSettings(String host, int port, Path dataFile, int workerThreads, int cacheMegabytes) {

	/** The event loops unless {@code KIM_MONGODB_WORKER_THREADS} says otherwise. */
	public static final int DEFAULT_WORKER_THREADS = 16;

	/**
	 * The page cache unless {@code KIM_MONGODB_CACHE_MB} says otherwise (H2's default).
	 */
	public static final int DEFAULT_CACHE_MEGABYTES = 16;

	public MongoWireSettings(String host, int port, Path dataFile) {
		this(host, port, dataFile, DEFAULT_WORKER_THREADS);
	}

	public MongoWireSettings(String host, int port, Path dataFile, int workerThreads) {
		this(host, port, dataFile, workerThreads, DEFAULT_CACHE_MEGABYTES);
	}

	static MongoWireSettings fromEnvironment(Map<String, String> env) {
		String home = env.getOrDefault("KIM_HOME", ".kim");
		String dataDirectory = env.getOrDefault("KIM_MONGODB_DATA_DIR", home + "/data/mongo");
		// loopback unless the launcher's bind address (or a host of its own) says
		// otherwise
		String host = env.getOrDefault("KIM_MONGODB_HOST", env.getOrDefault("KIM_BIND_ADDRESS", "127.0.0.1"));
		return new MongoWireSettings(host, Integer.parseInt(env.getOrDefault("KIM_MONGODB_PORT", "27017")),
				Path.of(dataDirectory, "kim.mv.db"),
				Integer
					.parseInt(env.getOrDefault("KIM_MONGODB_WORKER_THREADS", String.valueOf(DEFAULT_WORKER_THREADS))),
				Integer.parseInt(env.getOrDefault("KIM_MONGODB_CACHE_MB", String.valueOf(DEFAULT_CACHE_MEGABYTES))));
	}

}
