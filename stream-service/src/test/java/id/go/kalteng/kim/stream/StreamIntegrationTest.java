package id.go.kalteng.kim.stream;

import java.net.URI;
import java.time.Duration;

import id.go.kalteng.kim.support.test.KimIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The one base of stream-service's integration tests: the whole service on a random port
 * (SSE is read over HTTP as clients read it) on the real broker and database, with a
 * one-second heartbeat and webhook retries a second apart; a publisher of domain events
 * ({@link DomainEvents}). Every class shares one context.
 */
@KimIntegrationTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "kim.stream.sse.heartbeat=1s", "kim.stream.sse.max-buffered=7",
				"kim.stream.webhooks.retry-schedule=1s,1s,1s", "kim.stream.webhooks.jitter=0",
				"kim.stream.webhooks.bucket=1s", "kim.stream.webhooks.sweep-interval=200ms",
				"kim.stream.public-log.retention=3d" })
@Import(StreamTokens.class)
public abstract class StreamIntegrationTest {

	protected static final Duration TIMEOUT = Duration.ofSeconds(60);

	protected static DomainEvents events;

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected JsonMapper json;

	@Autowired
	protected MongoTemplate mongo;

	@Value("${local.server.port}")
	protected int port;

	@BeforeAll
	static void connect() {
		events = new DomainEvents();
	}

	@AfterAll
	static void disconnect() {
		events.close();
	}

	protected URI streamUri(String query) {
		return URI
			.create("http://localhost:" + this.port + "/api/streams/events" + ((query != null) ? "?" + query : ""));
	}

}
