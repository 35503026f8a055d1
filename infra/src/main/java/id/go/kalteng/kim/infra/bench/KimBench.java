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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

	/** The topic the recipient projection reads, and the group that reads it. */
	public static final String GROUP_EVENTS_TOPIC = "kim.group.events";

	public static final String PROJECTION_GROUP = "dissemination-service";

	private static final String KABUPATEN = "62.71";

	private final BenchSettings settings;

	private final BenchApi api;

	private final int runPrefix = ThreadLocalRandom.current().nextInt(1000);

	private final Broadcasts broadcasts;

	private KimBench(BenchSettings settings) {
		this.settings = settings;
		this.api = new BenchApi(settings.gateway(), settings.tokenEndpoint(), settings.secret());
		this.broadcasts = new Broadcasts(this.api, "KIM Bench " + this.runPrefix, this.runPrefix, settings.members(),
				settings.uploadConcurrency(), Duration.ZERO);
	}

	public static void main(String[] args) {
		// the clients' configuration dumps would bury the figures
		for (String noisy : List.of("org.apache.kafka", "org.mongodb.driver")) {
			((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(noisy)).setLevel(Level.WARN);
		}
		// --check: ./kim bench --own reads the options before it starts a platform for
		// them
		boolean checkOnly = args.length > 0 && args[0].equals("--check");
		BenchSettings settings;
		try {
			settings = BenchSettings.from(checkOnly ? Arrays.copyOfRange(args, 1, args.length) : args, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			System.err.println("kim bench: " + ex.getMessage());
			System.exit(2);
			return;
		}
		if (checkOnly) {
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

	/** A line of progress, with the time (UTC). */
	public static void say(String line) {
		System.out
			.println(DateTimeFormatter.ISO_LOCAL_TIME.withZone(ZoneOffset.UTC).format(Instant.now()) + "  " + line);
	}

	BenchResult run() {
		try {
			return measure();
		}
		finally {
			if (this.sandboxCounts != null) {
				this.sandboxCounts.close();
			}
		}
	}

	private BenchResult measure() {
		String startedAt = Instant.now().toString();
		say("Measuring " + this.settings.target());
		// the demo clients the calls are made as (four-eyes: one drafts, the other
		// approves)
		String author = "operator-1";
		String approver = "operator-2";
		this.api.bearer(author);
		this.api.bearer(approver);
		List<Row> rows = new ArrayList<>();

		// ---- projection catch-up: every join of the run counted by a draft's preview
		Broadcasts.Registered registered = register(author, 0, this.settings.groups(), KABUPATEN);
		List<String> groups = registered.groupIds();
		int joins = this.settings.joins();
		String probe = draft(author, "catch-up probe", "SMS",
				Map.of("kabupaten", List.of(KABUPATEN), "groups", groups));
		say("Waiting for the recipient projection to count " + joins + " joins (draft " + probe + ") ...");
		long caughtUpAt = awaitPreview(probe, author, 0, joins, this.settings.deliveryTimeoutSeconds());
		long catchUp = caughtUpAt - registered.lastAccepted();
		this.api.tryPost("/api/broadcasts/" + probe + "/cancel", author);
		say("Projection caught up in " + BenchReport.number(catchUp / 1e9) + " s");
		// the other projections of the same joins (activity-service's, stream-service's)
		// may still be writing: P1 and P2 would share the database with them
		long othersWaited;
		try (ProjectionLag others = new ProjectionLag(this.settings.kafkaBootstrap(), PROJECTION_GROUP,
				GROUP_EVENTS_TOPIC)) {
			othersWaited = others.awaitEveryGroupCaughtUp(this.settings.deliveryTimeoutSeconds(), KimBench::say);
		}
		say("Every consumer of " + GROUP_EVENTS_TOPIC + " caught up " + BenchReport.number(othersWaited / 1e9)
				+ " s after that");
		rows.add(Row
			.single("projection catch-up", catchUp / 1e9, "s",
					joins + " joins: last roster accepted -> a draft's preview counts all ("
							+ BenchReport.number(BenchResult.perSecond(joins, catchUp))
							+ " joins/s); every consumer of the joins " + BenchReport.number(othersWaited / 1e9)
							+ " s later")
			.withRaw(ordered("joins", joins, "groups", groups.size(), "seconds", catchUp / 1e9, "joinsPerSecond",
					BenchResult.perSecond(joins, catchUp), "registrationSeconds", registered.seconds(),
					"uploadConcurrency", this.settings.uploadConcurrency(), "everyConsumerLaterSeconds",
					othersWaited / 1e9)));

		// ---- P1 fan-out and P2 delivery: one SMS broadcast
		int recipients = this.settings.recipients();
		String broadcast = draft(author, "Bench " + this.runPrefix, "SMS",
				Map.of("kabupaten", List.of(KABUPATEN), "groups", groups.subList(0, this.settings.broadcastGroups())));
		awaitPreview(broadcast, author, 0, recipients, this.settings.deliveryTimeoutSeconds());
		this.api.post("/api/broadcasts/" + broadcast + "/submit", Map.of(), author, 200);
		Map<String, PrometheusText> dbBefore = scrapeAll();
		long sandboxBefore = sandboxTotal(author);
		try (RequestCounter counter = new RequestCounter(this.settings.kafkaBootstrap())) {
			long approved = System.nanoTime();
			this.api.post("/api/broadcasts/" + broadcast + "/approve", Map.of(), approver, 200);
			say("Approved " + broadcast + " (" + recipients + " recipients, SMS) by operator-2; counting requests on "
					+ REQUESTS_TOPIC + " ...");
			long fanOutEnd = counter.awaitCount(recipients, Duration.ofSeconds(this.settings.deliveryTimeoutSeconds()));
			long fanOutNanos = ((fanOutEnd > 0) ? fanOutEnd : System.nanoTime()) - approved;
			int fannedOut = counter.count();
			int recordSize = Math.max(1, counter.averageValueSize());
			say(fannedOut + " requests in " + BenchReport.number(fanOutNanos / 1e9) + " s, " + recordSize
					+ " B each on average");
			say("Waiting for every message to be in the sandbox and none queued ...");
			Final delivery = awaitFinal(broadcast, author, sandboxBefore, recipients, approved,
					this.settings.deliveryTimeoutSeconds());
			Map<String, PrometheusText> dbAfter = scrapeAll();
			say(delivery.messages() + " sandbox messages in " + BenchReport.number(delivery.nanos() / 1e9)
					+ " s; progress " + delivery.progress());

			say("Raw limits: ProducerPerformance on the same broker ...");
			double producerRate = producerPerformance(counter.partitions(), recordSize);
			rows.add(compared("P1 fan-out", fannedOut, recipients, fanOutNanos, producerRate, "recipients/s",
					"approval -> requests on " + REQUESTS_TOPIC + "; raw: ProducerPerformance "
							+ this.settings.producerRecords() + " x " + recordSize + " B, acks=all")
				.withRaw(ordered("requests", fannedOut, "expected", recipients, "seconds", fanOutNanos / 1e9,
						"recordBytes", recordSize, "producerRecords", this.settings.producerRecords(),
						"producerRecordsPerSecond", producerRate)));
			say("Raw limits: bulk insert of " + recipients + " documents into the same MongoDB-wire server ...");
			double insertRate = bulkInsert(recipients);
			rows.add(compared("P2 delivery", delivery.messages(), recipients, delivery.nanos(), insertRate,
					"messages/s", "approval -> all in the sandbox, none queued; raw: insertMany of the same count")
				.withRaw(ordered("messages", delivery.messages(), "expected", recipients, "seconds",
						delivery.nanos() / 1e9, "settled", delivery.settled(), "progress", delivery.progressMap(),
						"insertDocuments", recipients, "insertDocumentsPerSecond", insertRate)));
			rows.addAll(RoundTrips.rows(dbBefore, dbAfter, delivery.messages()));
		}

		// ---- P3 pacing: a WhatsApp broadcast at the platform's WhatsApp limit
		rows.addAll(pacing(author, approver, groups.subList(0, this.settings.pacingGroups())));

		// ---- P4 gateway
		say("Gateway vs group-service, " + this.settings.concurrency() + " clients, " + this.settings.requests()
				+ " GETs each side ...");
		String path = "/api/groups/" + groups.get(0);
		LoadResult viaGateway = load(this.settings.gateway().resolve(path), author);
		LoadResult direct = load(this.settings.groupService().resolve(path), author);
		rows.add(Row
			.compared("P4 gateway", viaGateway.throughput(), direct.throughput(), "requests/s",
					"GET one group via gateway vs direct; non-2xx " + viaGateway.failures() + " / " + direct.failures())
			.withRaw(ordered("gatewayRequestsPerSecond", viaGateway.throughput(), "directRequestsPerSecond",
					direct.throughput(), "gatewayFailures", viaGateway.failures(), "directFailures", direct.failures(),
					"requestsPerSide", this.settings.requests(), "concurrency", this.settings.concurrency())));
		rows.add(new Row("P4 p99", viaGateway.p99Millis(), direct.p99Millis(), "ms", null,
				"p99 difference " + BenchReport.number(viaGateway.p99Millis() - direct.p99Millis()) + " ms",
				ordered("gatewayP99Millis", viaGateway.p99Millis(), "directP99Millis", direct.p99Millis(),
						"differenceMillis", viaGateway.p99Millis() - direct.p99Millis())));

		// ---- peak heap during a 100,000-recipient broadcast
		if (this.settings.large()) {
			rows.addAll(large(author, approver));
		}
		else {
			rows.add(Row.notMeasured("peak heap, 100k broadcast", "not run (./kim bench --large: "
					+ this.settings.largeGroups() * this.settings.members() + " recipients)"));
		}
		return new BenchResult(startedAt, this.settings.target(), this.settings.groups(), this.settings.members(),
				this.settings.broadcastGroups(), this.settings.pacingGroups(),
				this.settings.large() ? this.settings.largeGroups() : 0, rows);
	}

	// ---- steps (shared with ./kim faults: Broadcasts)
	// ------------------------------------------------------------------------

	private Broadcasts.Registered register(String author, int first, int count, String kabupaten) {
		return this.broadcasts.register(author, first, count, kabupaten);
	}

	private String draft(String author, String title, String channel, Map<String, Object> target) {
		return this.broadcasts.draft(author, title, channel, target);
	}

	private long awaitPreview(String broadcast, String author, int existing, int expected, int timeoutSeconds) {
		return this.broadcasts.awaitPreview(broadcast, author, existing, expected, timeoutSeconds);
	}

	private int preview(String broadcast, String author) {
		return this.broadcasts.preview(broadcast, author);
	}

	/**
	 * @param messages sandbox messages that arrived (capped below the expected count when
	 * not settled)
	 * @param nanos approval -> settled (or the timeout)
	 * @param settled every message in the sandbox and none queued
	 * @param progress the broadcast's last progress answer
	 */
	record Final(long messages, long nanos, boolean settled, JsonNode progress) {

		Map<String, Object> progressMap() {
			Map<String, Object> counts = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> field : this.progress.properties()) {
				JsonNode value = field.getValue();
				counts.put(field.getKey(), value.isNumber() ? (Object) value.asLong()
						: value.isString() ? value.asString() : value.toString());
			}
			return counts;
		}

	}

	/**
	 * Waits until the sandbox holds {@code expected} more messages than before and the
	 * broadcast's progress shows none queued; polls the sandbox's count once a second and
	 * the progress only then (each poll is database work the figures include).
	 */
	private Final awaitFinal(String broadcast, String author, long sandboxBefore, int expected, long approved,
			int timeoutSeconds) {
		return awaitFinal(broadcast, author, sandboxBefore, expected, approved, timeoutSeconds, 1000);
	}

	private Final awaitFinal(String broadcast, String author, long sandboxBefore, int expected, long approved,
			int timeoutSeconds, long pollMillis) {
		long deadline = approved + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		long delivered;
		JsonNode progress = null;
		while (true) {
			delivered = sandboxTotal(author) - sandboxBefore;
			long now = System.nanoTime();
			if (delivered >= expected) {
				progress = this.api.get("/api/broadcasts/" + broadcast + "/progress", author);
				if (progress.path("queued").asLong() == 0) {
					return new Final(delivered, now - approved, true, progress);
				}
			}
			if (now > deadline) {
				if (progress == null) {
					progress = this.api.get("/api/broadcasts/" + broadcast + "/progress", author);
				}
				return new Final(Math.min(delivered, expected - 1), now - approved, false, progress);
			}
			Pause.millis(pollMillis);
		}
	}

	/**
	 * P3: a WhatsApp broadcast with the WhatsApp limit as the platform configures it
	 * (80/s by default; {@code --own} leaves it), its sandbox send times read back page
	 * by page, and the sandbox's throttling answers from notification-service's own
	 * counter.
	 */
	private List<Row> pacing(String author, String approver, List<String> groups) {
		int expected = groups.size() * this.settings.members();
		int limit = this.settings.whatsappLimit();
		String broadcast = draft(author, "Bench pacing " + this.runPrefix, "WHATSAPP",
				Map.of("kabupaten", List.of(KABUPATEN), "groups", groups));
		awaitPreview(broadcast, author, 0, expected, this.settings.deliveryTimeoutSeconds());
		this.api.post("/api/broadcasts/" + broadcast + "/submit", Map.of(), author, 200);
		PrometheusText before = scrape("notification-service");
		long sandboxBefore = sandboxTotal(author);
		long approved = System.nanoTime();
		this.api.post("/api/broadcasts/" + broadcast + "/approve", Map.of(), approver, 200);
		say("Approved " + broadcast + " (" + expected + " recipients, WhatsApp at " + limit
				+ "/s); waiting for every message ...");
		Final delivery = awaitFinal(broadcast, author, sandboxBefore, expected, approved,
				this.settings.deliveryTimeoutSeconds());
		PrometheusText after = scrape("notification-service");
		List<Instant> sentAt = sandboxSendTimes(author, broadcast, expected);
		Pacing pacing = Pacing.of(sentAt, limit);
		say(pacing.messages() + " WhatsApp messages sent over " + BenchReport.number(pacing.spanSeconds()) + " s: "
				+ BenchReport.number(pacing.rate()) + "/s");
		PaceTrace trace = PaceTrace.of(sentAt, limit);
		Map<String, Object> senders = senderTimes(before, after);
		say("P3 where the time went: " + trace.summary() + "; notification-service: " + senders);
		List<Row> rows = new ArrayList<>();
		rows.add(Row
			.compared("P3 pacing", pacing.rate(), limit, "messages/s",
					pacing.messages() + " WhatsApp messages, (n-1) / (last - first sandbox sentAt) = "
							+ BenchReport.number(pacing.spanSeconds()) + " s"
							+ (delivery.settled() ? "" : " (TIMED OUT, " + expected + " expected)")
							+ "; raw: the WhatsApp limit")
			.withRaw(ordered("messages", pacing.messages(), "expected", expected, "firstSentAt",
					String.valueOf(pacing.first()), "lastSentAt", String.valueOf(pacing.last()), "spanSeconds",
					pacing.spanSeconds(), "limitPerSecond", limit, "approvalToFinalSeconds", delivery.nanos() / 1e9,
					"settled", delivery.settled(), "progress", delivery.progressMap(), "trace", trace.raw(), "senders",
					senders)));
		rows.add(throttled(before, after));
		return rows;
	}

	static final String THROTTLED = "kim_sandbox_throttled_total";

	/**
	 * What notification-service's WhatsApp lane did during P3, from its own counters
	 * (after minus before; absent ones left out): the time its pace stood open with no
	 * sender asking for a slot, its claim rounds (count, mean time of claim and checks),
	 * the claims it lost, and the provider calls' mean time.
	 */
	static Map<String, Object> senderTimes(PrometheusText before, PrometheusText after) {
		Map<String, Object> times = new LinkedHashMap<>();
		if (before == null || after == null) {
			return times;
		}
		Map<String, String> whatsapp = Map.of("channel", "WHATSAPP");
		delta(before, after, "kim_notification_pace_idle_seconds_total", whatsapp)
			.ifPresent((idle) -> times.put("paceIdleSeconds", round3(idle)));
		Optional<Double> rounds = delta(before, after, "kim_notification_delivery_rounds_seconds_count", whatsapp);
		Optional<Double> roundSeconds = delta(before, after, "kim_notification_delivery_rounds_seconds_sum", whatsapp);
		rounds.ifPresent((count) -> times.put("claimRounds", count));
		if (rounds.isPresent() && roundSeconds.isPresent() && rounds.get() > 0) {
			times.put("claimRoundMeanMillis", round3(roundSeconds.get() * 1000 / rounds.get()));
		}
		delta(before, after, "kim_notification_delivery_claims_total", Map.of("channel", "WHATSAPP", "outcome", "lost"))
			.ifPresent((lost) -> times.put("claimsLost", lost));
		Optional<Double> calls = delta(before, after, "kim_provider_latency_seconds_count", whatsapp);
		Optional<Double> callSeconds = delta(before, after, "kim_provider_latency_seconds_sum", whatsapp);
		if (calls.isPresent() && callSeconds.isPresent() && calls.get() > 0) {
			times.put("providerCallMeanMillis", round3(callSeconds.get() * 1000 / calls.get()));
		}
		return times;
	}

	private static Optional<Double> delta(PrometheusText before, PrometheusText after, String name,
			Map<String, String> where) {
		return after.sum(name, where).map((value) -> value - before.sum(name, where).orElse(0.0));
	}

	private static double round3(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	/**
	 * Where a paced broadcast's span went: its sends per whole second from the first, and
	 * the time beyond the limit's even pace spent in gaps longer than three slots (a
	 * stall) and in the rest (slots a little late), the longest gaps named with their
	 * offset from the first send.
	 *
	 * @param perSecond sends in each second from the first send
	 * @param evenSeconds (messages - 1) / limit: the span at exactly the limit
	 * @param stallSeconds time beyond one slot in gaps longer than three slots
	 * @param lateSeconds the rest of the span beyond the even one
	 * @param longestGaps the five longest gaps: offset of their start (s) → length (ms)
	 */
	record PaceTrace(List<Integer> perSecond, double evenSeconds, double stallSeconds, double lateSeconds,
			Map<String, Double> longestGaps) {

		static PaceTrace of(List<Instant> sentAt, int limit) {
			List<Long> nanos = sentAt.stream()
				.map((at) -> at.getEpochSecond() * 1_000_000_000L + at.getNano())
				.sorted()
				.toList();
			if (nanos.size() < 2) {
				return new PaceTrace(List.of(), 0, 0, 0, Map.of());
			}
			long first = nanos.get(0);
			long slot = 1_000_000_000L / limit;
			List<Integer> perSecond = new ArrayList<>();
			long stall = 0;
			List<long[]> gaps = new ArrayList<>();
			for (int i = 0; i < nanos.size(); i++) {
				int second = (int) ((nanos.get(i) - first) / 1_000_000_000L);
				while (perSecond.size() <= second) {
					perSecond.add(0);
				}
				perSecond.set(second, perSecond.get(second) + 1);
				if (i > 0) {
					long gap = nanos.get(i) - nanos.get(i - 1);
					gaps.add(new long[] { nanos.get(i - 1) - first, gap });
					if (gap > 3 * slot) {
						stall += gap - slot;
					}
				}
			}
			long span = nanos.get(nanos.size() - 1) - first;
			long even = (nanos.size() - 1) * slot;
			gaps.sort((a, b) -> Long.compare(b[1], a[1]));
			Map<String, Double> longest = new LinkedHashMap<>();
			for (long[] gap : gaps.subList(0, Math.min(5, gaps.size()))) {
				longest.put(String.format(Locale.ROOT, "+%.3f s", gap[0] / 1e9), gap[1] / 1e6);
			}
			return new PaceTrace(perSecond, even / 1e9, stall / 1e9, Math.max(0, span - even - stall) / 1e9, longest);
		}

		String summary() {
			return "even pace " + BenchReport.number(this.evenSeconds) + " s, stalls (gaps over 3 slots) "
					+ BenchReport.number(this.stallSeconds) + " s, slots late " + BenchReport.number(this.lateSeconds)
					+ " s; per second " + this.perSecond + "; longest gaps (ms) " + this.longestGaps;
		}

		Map<String, Object> raw() {
			return ordered("evenSeconds", this.evenSeconds, "stallSeconds", this.stallSeconds, "lateSeconds",
					this.lateSeconds, "perSecond", this.perSecond, "longestGapsMillis", this.longestGaps);
		}

	}

	/**
	 * The sandbox's throttling answers during P3, from notification-service's
	 * {@code kim.sandbox.throttled}; n/a (never a made-up 0) when the service has no such
	 * counter.
	 */
	static Row throttled(PrometheusText before, PrometheusText after) {
		Optional<Double> total = (after != null) ? after.sum(THROTTLED, Map.of()) : Optional.empty();
		if (total.isEmpty()) {
			return Row.notMeasured("P3 throttled", "n/a (no throttle counter)");
		}
		double start = (before != null) ? before.sum(THROTTLED, Map.of()).orElse(0.0) : 0.0;
		double answers = total.get() - start;
		return Row
			.single("P3 throttled", answers, "answers",
					"kim.sandbox.throttled on notification-service's own port during P3 (target 0)")
			.withRaw(ordered("before", start, "after", total.get()));
	}

	/**
	 * The sandbox's send times of a broadcast's messages: newest first, page by page,
	 * until all are found or the pages reach older messages.
	 */
	private List<Instant> sandboxSendTimes(String author, String broadcast, int expected) {
		List<Instant> sentAt = new ArrayList<>();
		int olderInARow = 0;
		for (int page = 0; sentAt.size() < expected && olderInARow < 200; page++) {
			JsonNode items = this.api.get("/api/sandbox/messages?size=200&page=" + page, author).path("items");
			if (items.isEmpty()) {
				break;
			}
			for (JsonNode item : items) {
				if (broadcast.equals(item.path("sourceId").asString(""))) {
					sentAt.add(OffsetDateTime.parse(item.path("sentAt").asString()).toInstant());
					olderInARow = 0;
				}
				else if (!sentAt.isEmpty()) {
					olderInARow++;
				}
			}
		}
		return sentAt;
	}

	/**
	 * @param messages messages of the broadcast in the sandbox
	 * @param first the first send
	 * @param last the last send
	 * @param spanSeconds last - first
	 * @param rate (messages - 1) / span: the rate between the first and the last send
	 * @param limit the configured limit
	 */
	record Pacing(int messages, Instant first, Instant last, double spanSeconds, double rate, int limit) {

		static Pacing of(List<Instant> sentAt, int limit) {
			if (sentAt.size() < 2) {
				return new Pacing(sentAt.size(), sentAt.isEmpty() ? null : sentAt.get(0),
						sentAt.isEmpty() ? null : sentAt.get(0), 0, 0, limit);
			}
			Instant first = sentAt.stream().min(Instant::compareTo).orElseThrow();
			Instant last = sentAt.stream().max(Instant::compareTo).orElseThrow();
			long nanos = Duration.between(first, last).toNanos();
			return new Pacing(sentAt.size(), first, last, nanos / 1e9, BenchResult.perSecond(sentAt.size() - 1, nanos),
					limit);
		}

	}

	private static final String LARGE_KABUPATEN = "62.13";

	/** How long the one confirming preview of the 100k recipients may take. */
	private static final int LARGE_PREVIEW_SECONDS = 300;

	/**
	 * The 100,000-recipient broadcast: its own groups in a kabupaten of their own (a
	 * broadcast names at most 2,000 groups, so it targets the kabupaten), every service's
	 * heap sampled once a second from approval until every message is final.
	 */
	private List<Row> large(String author, String approver) {
		int expected = this.settings.largeGroups() * this.settings.members();
		String broadcast = draft(author, "Bench large " + this.runPrefix, "SMS",
				Map.of("kabupaten", List.of(LARGE_KABUPATEN)));
		int existing = preview(broadcast, author);
		say("Large run: " + expected + " recipients in " + LARGE_KABUPATEN + " (" + existing + " there already)");
		int all = existing + expected;
		try (ProjectionLag lag = new ProjectionLag(this.settings.kafkaBootstrap(), PROJECTION_GROUP,
				GROUP_EVENTS_TOPIC)) {
			long before = lag.endOffsets();
			long registeredAt = System.nanoTime();
			register(author, this.settings.groups(), this.settings.largeGroups(), LARGE_KABUPATEN);
			// every join is one event; the groups' own events come on top
			long caughtUp = lag.awaitCaughtUp(before + expected, this.settings.largeTimeoutSeconds(), KimBench::say);
			say("Large run: the recipient projection has every event (" + expected + " joins) "
					+ BenchReport.number((caughtUp - registeredAt) / 1e9) + " s after the first roster was sent");
		}
		// one preview confirms the count the lag promised: one request, not repeated (at
		// this size each one loads every recipient of the kabupaten, and repeats of a
		// slow
		// one would pile up on the service's heap); should it fail or count otherwise,
		// the
		// run goes on on the lag's word (said), rather than losing the heap figures
		try {
			long asked = System.nanoTime();
			int counted = this.api
				.getOnce("/api/broadcasts/" + broadcast + "/preview", author, Duration.ofSeconds(LARGE_PREVIEW_SECONDS))
				.path("recipients")
				.asInt();
			say("Large run: the preview counts " + counted + " of " + all + " ("
					+ BenchReport.number((System.nanoTime() - asked) / 1e9) + " s)");
		}
		catch (IllegalStateException ex) {
			say("Large run: the confirming preview failed (" + BenchApi.abbreviate(ex.getMessage())
					+ "); going on: the consumer group's lag says every join is written");
		}
		this.api.post("/api/broadcasts/" + broadcast + "/submit", Map.of(), author, 200);
		long sandboxBefore = sandboxTotal(author);
		HeapPeaks peaks = new HeapPeaks();
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		Final delivery;
		try {
			sampler.scheduleWithFixedDelay(() -> this.settings.services().keySet().forEach((service) -> {
				PrometheusText scrape = scrape(service);
				if (scrape != null) {
					peaks.record(service, scrape);
				}
			}), 0, 1, TimeUnit.SECONDS);
			long approved = System.nanoTime();
			this.api.post("/api/broadcasts/" + broadcast + "/approve", Map.of(), approver, 200);
			say("Approved " + broadcast + " (" + all
					+ " recipients, SMS); sampling each service's heap every second ...");
			delivery = awaitFinal(broadcast, author, sandboxBefore, all, approved, this.settings.largeTimeoutSeconds(),
					5000);
		}
		finally {
			sampler.shutdownNow();
		}
		say(delivery.messages() + " sandbox messages in " + BenchReport.number(delivery.nanos() / 1e9) + " s"
				+ (delivery.settled() ? "" : " (TIMED OUT)") + "; progress " + delivery.progress());
		List<Row> rows = new ArrayList<>();
		rows.add(Row
			.single("large broadcast", BenchResult.perSecond(delivery.messages(), delivery.nanos()), "messages/s",
					(delivery.settled() ? "completed: " : "NOT completed: ") + delivery.messages() + " of " + all
							+ " final in " + BenchReport.number(delivery.nanos() / 1e9) + " s")
			.withRaw(ordered("recipients", all, "messages", delivery.messages(), "seconds", delivery.nanos() / 1e9,
					"completed", delivery.settled(), "progress", delivery.progressMap())));
		rows.addAll(peaks.rows());
		return rows;
	}

	/** Per service: the highest heap in use seen, and the heap's configured maximum. */
	static final class HeapPeaks {

		private final Map<String, double[]> peaks = new ConcurrentHashMap<>();

		/** Records one scrape: {@code jvm.memory.used} and {@code .max} of area heap. */
		void record(String service, PrometheusText scrape) {
			Optional<Double> used = scrape.sum("jvm_memory_used_bytes", Map.of("area", "heap"));
			Optional<Double> max = scrape.sum("jvm_memory_max_bytes", Map.of("area", "heap"));
			if (used.isEmpty()) {
				return;
			}
			this.peaks.compute(service, (name, peak) -> {
				double[] next = (peak != null) ? peak : new double[] { 0, 0, 0 };
				next[0] = Math.max(next[0], used.get());
				next[1] = Math.max(next[1], max.orElse(0.0));
				next[2]++;
				return next;
			});
		}

		List<Row> rows() {
			List<Row> rows = new ArrayList<>();
			new TreeMap<>(this.peaks).forEach((service,
					peak) -> rows.add(Row
						.compared("peak heap " + service, peak[0] / MIB, peak[1] / MIB, "MiB",
								"jvm.memory.used{area=heap} peak of " + (long) peak[2]
										+ " samples (1/s) vs jvm.memory.max{area=heap}")
						.withRaw(ordered("peakUsedBytes", peak[0], "maxBytes", peak[1], "samples", (long) peak[2]))));
			return rows;
		}

	}

	private static final double MIB = 1024.0 * 1024.0;

	/**
	 * Each service's {@code /actuator/prometheus} now (null for a service that did not
	 * answer).
	 */
	private Map<String, PrometheusText> scrapeAll() {
		Map<String, PrometheusText> scrapes = new LinkedHashMap<>();
		this.settings.services().keySet().forEach((service) -> scrapes.put(service, scrape(service)));
		return scrapes;
	}

	private PrometheusText scrape(String service) {
		URI uri = this.settings.services().get(service).resolve("/actuator/prometheus");
		try {
			HttpResponse<String> response = this.api.http()
				.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
						BodyHandlers.ofString());
			return (response.statusCode() == 200) ? PrometheusText.parse(response.body()) : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** A map of the given key-value pairs in their order (values may be null). */
	static Map<String, Object> ordered(Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i + 1 < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	private static Row compared(String name, long done, int expected, long nanos, double baseline, String unit,
			String note) {
		double rate = BenchResult.perSecond(done, nanos);
		String timing = done + " in " + BenchReport.number(nanos / 1e9) + " s"
				+ ((done < expected) ? " (TIMED OUT, " + expected + " expected)" : "") + "; ";
		return Row.compared(name, rate, baseline, unit, timing + note);
	}

	/** Every message the sandbox holds (a count the service answers by scanning). */
	/**
	 * The sandbox's message count: the {@code count} command without a filter on
	 * notification-service's {@code sandbox_messages}, which the MongoDB-wire server
	 * answers from its collection's size. The listing's {@code total} (a
	 * {@code countDocuments} and a page sorted by {@code sentAt}) made the server read
	 * and sort every sandbox message on each poll (once a second during P2/P3, every 5 s
	 * of the 100k run), on the event loop the services' own requests wait behind. Falls
	 * back to the listing when the database cannot be reached from here.
	 */
	private long sandboxTotal(String client) {
		try {
			if (this.sandboxCounts == null) {
				this.sandboxCounts = MongoClients.create(this.settings.mongoUri());
			}
			return this.sandboxCounts.getDatabase(NOTIFICATION_DATABASE)
				.getCollection(SANDBOX_COLLECTION)
				.estimatedDocumentCount();
		}
		catch (RuntimeException ex) {
			return this.api.get("/api/sandbox/messages?size=1", client).path("total").asLong();
		}
	}

	/** notification-service's database (service-support: kim-{application name}). */
	private static final String NOTIFICATION_DATABASE = "kim-notification-service";

	private static final String SANDBOX_COLLECTION = "sandbox_messages";

	private MongoClient sandboxCounts;

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

	private LoadResult load(URI uri, String client) {
		String token = this.api.bearer(client);
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
	public static final class RequestCounter implements AutoCloseable {

		private final KafkaConsumer<byte[], byte[]> consumer;

		private final List<TopicPartition> partitions;

		private int count;

		private long valueBytes;

		public RequestCounter(String bootstrap) {
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
		public long awaitCount(int expected, Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (this.count < expected && System.nanoTime() < deadline) {
				for (ConsumerRecord<byte[], byte[]> record : this.consumer.poll(Duration.ofMillis(100))) {
					this.count++;
					this.valueBytes += (record.value() != null) ? record.value().length : 0;
				}
			}
			return (this.count >= expected) ? System.nanoTime() : 0;
		}

		public int count() {
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
