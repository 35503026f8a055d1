package id.go.kalteng.kim.infra.mongo;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;

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
	void settingsFollowTheLaunchersEnvironment() {
		MongoWireSettings settings = MongoWireSettings
			.fromEnvironment(Map.of("KIM_MONGODB_PORT", "37017", "KIM_MONGODB_DATA_DIR", "/tmp/kim/mongo"));

		assertThat(settings.port()).isEqualTo(37017);
		assertThat(settings.dataFile()).isEqualTo(Path.of("/tmp/kim/mongo/kim.mv.db"));
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
