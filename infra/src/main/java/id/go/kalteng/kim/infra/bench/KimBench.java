package id.go.kalteng.kim.infra.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import id.go.kalteng.kim.infra.bench.BenchApi.Pause;
import id.go.kalteng.kim.infra.bench.BenchResult.Row;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./kim bench}: one broadcast to a fresh set of groups measured end to end, each
 * path beside the raw limit of what it runs on (the same broker, the same database), in
 * one run. See infra/README.md.
 */
public final class KimBench {

	static final String REQUESTS_TOPIC = "kim.notification.requests";

	private static final String KABUPATEN = "62.71";

	private final BenchSettings settings;

	private final BenchApi api;

	private final int runPrefix = ThreadLocalRandom.current().nextInt(10_000);

	private KimBench(BenchSettings settings) {
		this.settings = settings;
		this.api = new BenchApi(settings.gateway());
	}

	public static void main(String[] args) {
		// the clients' configuration dumps would bury the figures
		for (String noisy : List.of("org.apache.kafka", "org.mongodb.driver")) {
			((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(noisy)).setLevel(Level.WARN);
		}
		BenchSettings settings;
		try {
			settings = BenchSettings.from(args, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			System.err.println("kim bench: " + ex.getMessage());
			System.exit(2);
			return;
		}
		try {
			BenchResult result = new KimBench(settings).run();
			System.out.println();
			System.out.print(BenchReport.table(result));
			Path out = (settings.out() != null) ? settings.out() : settings.home()
				.resolve("bench")
				.resolve(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
						+ ".json");
			if (out.toAbsolutePath().getParent() != null) {
				Files.createDirectories(out.toAbsolutePath().getParent());
			}
			Files.writeString(out, BenchReport.json(result));
			System.out.println("\nJSON: " + out);
		}
		catch (RuntimeException | IOException ex) {
			System.err.println("kim bench failed: " + ex);
			System.exit(1);
		}
	}

	private static void say(String line) {
		System.out
			.println(DateTimeFormatter.ISO_LOCAL_TIME.withZone(ZoneOffset.UTC).format(Instant.now()) + "  " + line);
	}

	BenchResult run() {
		String startedAt = Instant.now().toString();
		int recipients = this.settings.recipients();
		say("Measuring " + this.settings.target());
		HttpClient http = this.api.http();
		String author = BenchApi.token(http, this.settings.tokenEndpoint(), "operator-1", this.settings.secret());
		String approver = BenchApi.token(http, this.settings.tokenEndpoint(), "operator-2", this.settings.secret());

		say("Registering " + this.settings.groups() + " groups, " + this.settings.members()
				+ " members each by CSV roster upload ...");
		List<String> groups = new ArrayList<>();
		for (int g = 0; g < this.settings.groups(); g++) {
			JsonNode group = this.api.post("/api/groups", Map.of("name", "KIM Bench " + this.runPrefix + "-" + g,
					"kabupaten", KABUPATEN, "kecamatan", "Jekan Raya", "desa", "Palangka", "setting", "PERKOTAAN"),
					author, 201);
			String id = group.get("id").asString();
			String answer = this.api.postRaw("/api/groups/" + id + "/members/import", "text/csv",
					RosterCsv.roster(this.runPrefix, g, this.settings.members()), author, 200);
			if (answer.contains("REJECTED")) {
				throw new IllegalStateException(
						"roster of group " + id + " had rejected rows: " + BenchApi.abbreviate(answer));
			}
			groups.add(id);
		}
		long lastJoin = System.nanoTime();

		List<Row> rows = new ArrayList<>();
		String broadcast = this.api.post("/api/broadcasts", Map.of("title", "Bench " + this.runPrefix, "message",
				"Peringatan dini banjir: warga bantaran sungai diminta bersiap mengungsi. Ikuti arahan petugas.",
				"channels", List.of("SMS"), "priority", "NORMAL", "target",
				Map.of("kabupaten", List.of(KABUPATEN), "groups", groups)), author, 201)
			.get("id")
			.asString();
		say("Broadcast " + broadcast + " drafted; waiting for the recipient projection to count " + recipients);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(900);
		int previewed = 0;
		while (previewed != recipients) {
			previewed = this.api.get("/api/broadcasts/" + broadcast + "/preview", author).path("recipients").asInt();
			if (previewed == recipients) {
				break;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"the preview counted " + previewed + " of " + recipients + " after 900 s");
			}
			Pause.millis(100);
		}
		long catchUp = System.nanoTime() - lastJoin;
		rows.add(Row.single("projection catch-up", catchUp / 1e9, "s",
				recipients + " joins: last roster accepted -> preview counts all ("
						+ BenchReport.number(BenchResult.perSecond(recipients, catchUp)) + " joins/s)"));
		say("Projection caught up in " + BenchReport.number(catchUp / 1e9) + " s");
		this.api.post("/api/broadcasts/" + broadcast + "/submit", Map.of(), author, 200);

		long sandboxBefore = sandboxTotal(author);
		try (RequestCounter counter = new RequestCounter(this.settings.kafkaBootstrap())) {
			long approved = System.nanoTime();
			this.api.post("/api/broadcasts/" + broadcast + "/approve", Map.of(), approver, 200);
			say("Approved by operator-2; counting requests on " + REQUESTS_TOPIC + " ...");
			long fanOutEnd = counter.awaitCount(recipients, Duration.ofSeconds(this.settings.deliveryTimeoutSeconds()));
			long fanOutNanos = ((fanOutEnd > 0) ? fanOutEnd : System.nanoTime()) - approved;
			int fannedOut = counter.count();
			int recordSize = Math.max(1, counter.averageValueSize());
			say(fannedOut + " requests in " + BenchReport.number(fanOutNanos / 1e9) + " s, " + recordSize
					+ " B each on average");

			say("Waiting for every message to be in the sandbox and none queued ...");
			long delivered = 0;
			long deliveryDeadline = approved + TimeUnit.SECONDS.toNanos(this.settings.deliveryTimeoutSeconds());
			long deliveryEnd;
			JsonNode progress;
			while (true) {
				delivered = sandboxTotal(author) - sandboxBefore;
				progress = this.api.get("/api/broadcasts/" + broadcast + "/progress", author);
				deliveryEnd = System.nanoTime();
				boolean settled = delivered >= recipients && progress.path("queued").asLong() == 0;
				if (settled || deliveryEnd > deliveryDeadline) {
					if (!settled) {
						delivered = Math.min(delivered, recipients - 1);
					}
					break;
				}
				Pause.millis(250);
			}
			long deliveryNanos = deliveryEnd - approved;
			say(delivered + " sandbox messages in " + BenchReport.number(deliveryNanos / 1e9) + " s; progress "
					+ progress);

			say("Raw limits: ProducerPerformance on the same broker ...");
			double producerRate = producerPerformance(counter.partitions(), recordSize);
			rows.add(compared("P1 fan-out", fannedOut, recipients, fanOutNanos, producerRate, "recipients/s",
					"approval -> requests on " + REQUESTS_TOPIC + "; raw: ProducerPerformance "
							+ this.settings.producerRecords() + " x " + recordSize + " B, acks=all"));
			say("Raw limits: bulk insert of " + recipients + " documents into the same MongoDB-wire server ...");
			double insertRate = bulkInsert(recipients);
			rows.add(compared("P2 delivery", delivered, recipients, deliveryNanos, insertRate, "messages/s",
					"approval -> all in the sandbox, none queued; raw: insertMany of the same count"));
		}
		rows.add(Row.notMeasured("P3 pacing", "n/a (needs issue #9's providers)"));

		say("Gateway vs group-service, " + this.settings.concurrency() + " clients, " + this.settings.requests()
				+ " GETs each side ...");
		String path = "/api/groups/" + groups.get(0);
		LoadResult viaGateway = load(this.settings.gateway().resolve(path), author);
		LoadResult direct = load(this.settings.groupService().resolve(path), author);
		rows.add(Row.compared("P4 gateway", viaGateway.throughput(), direct.throughput(), "requests/s",
				"GET one group via gateway vs direct; non-2xx " + viaGateway.failures() + " / " + direct.failures()));
		rows.add(new Row("P4 p99", viaGateway.p99Millis(), direct.p99Millis(), "ms", null,
				"p99 difference " + BenchReport.number(viaGateway.p99Millis() - direct.p99Millis()) + " ms"));
		return new BenchResult(startedAt, this.settings.target(), this.settings.groups(), this.settings.members(),
				rows);
	}

	private static Row compared(String name, long done, int expected, long nanos, double baseline, String unit,
			String note) {
		double rate = BenchResult.perSecond(done, nanos);
		String timing = done + " in " + BenchReport.number(nanos / 1e9) + " s"
				+ ((done < expected) ? " (TIMED OUT, " + expected + " expected)" : "") + "; ";
		return Row.compared(name, rate, baseline, unit, timing + note);
	}

	private long sandboxTotal(String token) {
		return this.api.get("/api/sandbox/messages?size=1", token).path("total").asLong();
	}

	// ---- raw limits
	// ------------------------------------------------------------------------

	private double producerPerformance(int partitions, int recordSize) {
		String topic = "kim.bench.producer-performance-" + this.runPrefix;
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.settings.kafkaBootstrap()))) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
			try {
				List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						"-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
						"org.apache.kafka.tools.ProducerPerformance", "--topic", topic, "--num-records",
						String.valueOf(this.settings.producerRecords()), "--record-size", String.valueOf(recordSize),
						"--throughput", "-1", "--producer-props", "bootstrap.servers=" + this.settings.kafkaBootstrap(),
						"acks=all");
				Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
				String summary = null;
				try (BufferedReader lines = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = lines.readLine()) != null) {
						if (line.contains("records sent")) {
							summary = line;
						}
					}
				}
				if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || summary == null) {
					throw new IllegalStateException("ProducerPerformance failed (exit " + process.exitValue() + ")");
				}
				say("  " + summary.trim());
				return producerRate(summary);
			}
			finally {
				admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("ProducerPerformance: " + ex.getMessage(), ex);
		}
	}

	private static final Pattern PRODUCER_SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

	/** The records/s of ProducerPerformance's final summary line. */
	static double producerRate(String summary) {
		Matcher matcher = PRODUCER_SUMMARY.matcher(summary);
		if (!matcher.find()) {
			throw new IllegalArgumentException("not a ProducerPerformance summary: " + summary);
		}
		return Double.parseDouble(matcher.group(2));
	}

	private double bulkInsert(int count) {
		String database = "kim_bench_scratch_" + this.runPrefix;
		try (MongoClient client = MongoClients.create(this.settings.mongoUri())) {
			MongoDatabase scratch = client.getDatabase(database);
			try {
				MongoCollection<Document> collection = scratch.getCollection("notifications");
				List<Document> documents = new ArrayList<>(count);
				for (int i = 0; i < count; i++) {
					documents.add(new Document("_id", "bench-" + i).append("sourceType", "BROADCAST")
						.append("sourceId", "bench")
						.append("kabupaten", KABUPATEN)
						.append("phone", "+62" + RosterCsv.phone(this.runPrefix, i / 100, i % 100).substring(1))
						.append("channel", "SMS")
						.append("priority", "NORMAL")
						.append("status", "SENT")
						.append("text", "Peringatan dini banjir: warga bantaran sungai diminta bersiap mengungsi.")
						.append("attempts", 1)
						.append("requestedAt", new Date())
						.append("updatedAt", new Date()));
				}
				long start = System.nanoTime();
				for (int from = 0; from < count; from += 1000) {
					collection.insertMany(documents.subList(from, Math.min(count, from + 1000)));
				}
				long nanos = System.nanoTime() - start;
				say("  " + count + " documents in " + BenchReport.number(nanos / 1e9) + " s");
				return BenchResult.perSecond(count, nanos);
			}
			finally {
				scratch.drop();
			}
		}
	}

	// ---- gateway load
	// ------------------------------------------------------------------------

	record LoadResult(double throughput, double p99Millis, int failures) {
	}

	private LoadResult load(URI uri, String token) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json")
			.GET()
			.build();
		loop(http, request, Math.min(200, this.settings.requests()), new long[0]);
		long[] latencies = new long[this.settings.requests()];
		long start = System.nanoTime();
		int[] outcome = loop(http, request, this.settings.requests(), latencies);
		long nanos = System.nanoTime() - start;
		int done = outcome[0];
		long[] measured = Arrays.copyOf(latencies, done);
		Arrays.sort(measured);
		double p99 = (done == 0) ? Double.NaN : BenchResult.percentile(measured, 99) / 1e6;
		return new LoadResult(BenchResult.perSecond(done, nanos), p99, outcome[1]);
	}

	/**
	 * @return requests completed, of which not 2xx; stops after 120 s
	 */
	private int[] loop(HttpClient http, HttpRequest request, int requests, long[] latencies) {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger done = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		AtomicLong stopAt = new AtomicLong(System.nanoTime() + TimeUnit.SECONDS.toNanos(120));
		ExecutorService clients = Executors.newFixedThreadPool(this.settings.concurrency());
		for (int c = 0; c < this.settings.concurrency(); c++) {
			clients.execute(() -> {
				int index;
				while ((index = next.getAndIncrement()) < requests && System.nanoTime() < stopAt.get()) {
					long sent = System.nanoTime();
					try {
						HttpResponse<Void> response = http.send(request, BodyHandlers.discarding());
						if (response.statusCode() / 100 != 2) {
							failures.incrementAndGet();
						}
					}
					catch (IOException ex) {
						failures.incrementAndGet();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
					int slot = done.getAndIncrement();
					if (slot < latencies.length) {
						latencies[slot] = System.nanoTime() - sent;
					}
				}
			});
		}
		clients.shutdown();
		try {
			clients.awaitTermination(10, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return new int[] { Math.min(done.get(), requests), failures.get() };
	}

	// ---- counting the fan-out
	// ----------------------------------------------------------------

	/**
	 * A plain consumer of the requests topic from its end offsets at creation, counting
	 * every record that arrives after.
	 */
	static final class RequestCounter implements AutoCloseable {

		private final KafkaConsumer<byte[], byte[]> consumer;

		private final List<TopicPartition> partitions;

		private int count;

		private long valueBytes;

		RequestCounter(String bootstrap) {
			Properties properties = new Properties();
			properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
			properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
			properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
			properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
			properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
			this.consumer = new KafkaConsumer<>(properties);
			List<PartitionInfo> infos = this.consumer.partitionsFor(REQUESTS_TOPIC, Duration.ofSeconds(30));
			if (infos == null || infos.isEmpty()) {
				this.consumer.close();
				throw new IllegalStateException(REQUESTS_TOPIC + " does not exist on " + bootstrap);
			}
			this.partitions = infos.stream().map((info) -> new TopicPartition(info.topic(), info.partition())).toList();
			this.consumer.assign(this.partitions);
			this.consumer.seekToEnd(this.partitions);
			this.partitions.forEach(this.consumer::position);
		}

		/**
		 * @return System.nanoTime() when the count reached {@code expected}, or 0 on
		 * timeout
		 */
		long awaitCount(int expected, Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (this.count < expected && System.nanoTime() < deadline) {
				for (ConsumerRecord<byte[], byte[]> record : this.consumer.poll(Duration.ofMillis(100))) {
					this.count++;
					this.valueBytes += (record.value() != null) ? record.value().length : 0;
				}
			}
			return (this.count >= expected) ? System.nanoTime() : 0;
		}

		int count() {
			return this.count;
		}

		int partitions() {
			return this.partitions.size();
		}

		int averageValueSize() {
			return (this.count == 0) ? 0 : (int) (this.valueBytes / this.count);
		}

		@Override
		public void close() {
			this.consumer.close();
		}

	}

}
