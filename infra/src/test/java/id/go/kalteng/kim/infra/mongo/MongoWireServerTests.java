package id.go.kalteng.kim.infra.mongo;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MongoWireServerTests {

	@TempDir
	Path directory;

	@Test
	void documentWrittenBeforeARestartIsReadAfterIt() {
		MongoWireSettings settings = new MongoWireSettings("localhost", 0, this.directory.resolve("kim.mv.db"));

		try (MongoWireServer server = new MongoWireServer(settings)) {
			try (MongoClient client = connect(server.start())) {
				groups(client).insertOne(new Document("_id", "g-1").append("name", "KIM Betang Informasi"));
			}
		}
		try (MongoWireServer restarted = new MongoWireServer(settings)) {
			try (MongoClient client = connect(restarted.start())) {
				Document group = groups(client).find(new Document("_id", "g-1")).first();
				assertThat(group).isNotNull();
				assertThat(group.getString("name")).isEqualTo("KIM Betang Informasi");
			}
		}
	}

	@Test
	void fullScansAnswerCorrectlyWhileOtherClientsWriteAndDelete() throws Exception {
		MongoWireSettings settings = new MongoWireSettings("localhost", 0, this.directory.resolve("kim.mv.db"));
		try (MongoWireServer server = new MongoWireServer(settings); MongoClient client = connect(server.start())) {
			MongoCollection<Document> recipients = client.getDatabase("kim-test").getCollection("recipients");
			List<Document> firstKabupaten = new ArrayList<>();
			for (int i = 0; i < 5_000; i++) {
				firstKabupaten
					.add(new Document("_id", "r-" + i).append("kabupaten", "62-71").append("padding", "x".repeat(300)));
			}
			recipients.insertMany(firstKabupaten);
			AtomicBoolean writing = new AtomicBoolean(true);
			ExecutorService writers = Executors.newFixedThreadPool(2);
			// another kabupaten grows while leases come and go, as during a fan-out
			Future<?> growing = writers.submit(() -> {
				for (int batch = 0; writing.get(); batch++) {
					List<Document> documents = new ArrayList<>();
					for (int i = 0; i < 100; i++) {
						documents.add(new Document("_id", "s-" + batch + "-" + i).append("kabupaten", "62-03"));
					}
					recipients.insertMany(documents);
				}
			});
			MongoCollection<Document> leases = client.getDatabase("kim-test").getCollection("outbox_leases");
			Future<?> churning = writers.submit(() -> {
				for (int batch = 0; writing.get(); batch++) {
					List<Document> documents = new ArrayList<>();
					for (int i = 0; i < 50; i++) {
						documents.add(new Document("_id", batch + "-" + i));
					}
					leases.insertMany(documents);
					leases.deleteMany(new Document("_id",
							new Document("$in", documents.stream().map(d -> d.get("_id")).toList())));
				}
			});
			try {
				for (int scan = 0; scan < 15; scan++) {
					assertThat(recipients.countDocuments(new Document("kabupaten", "62-71"))).isEqualTo(5_000);
				}
			}
			finally {
				writing.set(false);
				writers.shutdown();
			}
			growing.get(30, TimeUnit.SECONDS);
			churning.get(30, TimeUnit.SECONDS);
			assertThat(leases.countDocuments()).isZero();
		}
	}

	@Test
	void settingsFollowTheLaunchersEnvironment() {
		MongoWireSettings settings = MongoWireSettings
			.fromEnvironment(Map.of("KIM_MONGODB_PORT", "37017", "KIM_MONGODB_DATA_DIR", "/tmp/kim/mongo"));

		assertThat(settings.port()).isEqualTo(37017);
		assertThat(settings.dataFile()).isEqualTo(Path.of("/tmp/kim/mongo/kim.mv.db"));
		assertThat(settings.workerThreads()).isEqualTo(MongoWireSettings.DEFAULT_WORKER_THREADS);
		assertThat(MongoWireSettings.fromEnvironment(Map.of("KIM_MONGODB_WORKER_THREADS", "6")).workerThreads())
			.isEqualTo(6);
		assertThat(settings.cacheMegabytes()).isEqualTo(MongoWireSettings.DEFAULT_CACHE_MEGABYTES);
		assertThat(MongoWireSettings.fromEnvironment(Map.of("KIM_MONGODB_CACHE_MB", "96")).cacheMegabytes())
			.isEqualTo(96);
	}

	/**
	 * Past its page cache the store reads pages from the file and deserializes their
	 * documents and index keys on every access: the cache is the launcher's to size.
	 */
	@Test
	void theStoresPageCacheIsTheConfiguredSize() {
		MongoWireSettings settings = new MongoWireSettings("localhost", 0, this.directory.resolve("kim.mv.db"), 4, 48);
		try (MongoWireServer server = new MongoWireServer(settings)) {
			try (MongoClient client = connect(server.start())) {
				groups(client).insertOne(new Document("_id", "g-1"));
			}
			assertThat(server.pageCacheMegabytes()).isEqualTo(48);
		}
	}

	/**
	 * Each connection is served on one event loop, a request at a time: with the
	 * library's default (two loops per core) the services' connections shared a few
	 * loops, and one long request held up every connection on its loop.
	 */
	@Test
	void connectionsAreSpreadOverAsManyEventLoopsAsConfigured() throws Exception {
		MongoWireSettings settings = new MongoWireSettings("localhost", 0, this.directory.resolve("kim.mv.db"), 12);
		try (MongoWireServer server = new MongoWireServer(settings)) {
			InetSocketAddress address = server.start();
			List<MongoClient> clients = new ArrayList<>();
			try {
				for (int i = 0; i < 12; i++) {
					MongoClient client = connect(address);
					groups(client).countDocuments();
					clients.add(client);
				}
				assertThat(Thread.getAllStackTraces()
					.keySet()
					.stream()
					.filter((thread) -> thread.getName().startsWith("mongo-server-worker"))
					.count()).isGreaterThanOrEqualTo(12);
			}
			finally {
				clients.forEach(MongoClient::close);
			}
		}
	}

	@Test
	void listensOnLoopbackUnlessTheLauncherBindsElsewhere() {
		assertThat(MongoWireSettings.fromEnvironment(Map.of()).host()).isEqualTo("127.0.0.1");
		assertThat(MongoWireSettings.fromEnvironment(Map.of("KIM_BIND_ADDRESS", "0.0.0.0")).host())
			.isEqualTo("0.0.0.0");
	}

	private static MongoClient connect(InetSocketAddress address) {
		return MongoClients.create("mongodb://localhost:" + address.getPort());
	}

	private static MongoCollection<Document> groups(MongoClient client) {
		return client.getDatabase("kim-test").getCollection("groups");
	}

}
