package id.go.kalteng.kim.infra.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import ch.qos.logback.classic.Level;
import id.go.kalteng.kim.infra.bench.BenchApi;
import id.go.kalteng.kim.infra.bench.BenchApi.Pause;
import id.go.kalteng.kim.infra.bench.Broadcasts;
import id.go.kalteng.kim.infra.bench.KimBench;
import id.go.kalteng.kim.infra.bench.ProjectionLag;
import id.go.kalteng.kim.infra.bench.RosterCsv;
import id.go.kalteng.kim.infra.faults.ProviderStub.Channel;
import org.slf4j.LoggerFactory;

/**
 * {@code ./kim faults}: each scenario of issue #13 against a broadcast of its own (new
 * groups, numbers no other scenario has), on the platform {@code ./kim faults} started
 * for it, with notification-service sending to this process's {@link ProviderStub}. The
 * stub's records are compared with the recipients the suite imported ({@link Tally}). See
 * infra/README.md "Fault injection".
 */
public final class KimFaults {

	static final String KABUPATEN = "62.71";

	/**
	 * A send is in flight at a kill when it is open at the stub or was answered less than
	 * this before: the sender records the answer after it came (a database write, which
	 * took seconds on a loaded machine: with 2 s a quick run counted one duplicate of a
	 * send answered earlier whose outcome was never recorded), and until then the claim
	 * is open and is sent again after the lease. The provider's read timeout (10 s).
	 */
	static final long IN_FLIGHT_MILLIS = 10_000;

	private static final String AUTHOR = "operator-1";

	private static final String APPROVER = "operator-2";

	private final FaultsSettings settings;

	private final BenchApi api;

	private final ProviderStub stub;

	private final PlatformProcesses processes;

	private final KafkaFaults kafka;

	private final ClusterChecks cluster;

	private final int runPrefix = ThreadLocalRandom.current().nextInt(1000);

	private final Map<Integer, Broadcasts.Registered> registered = new HashMap<>();

	private KimFaults(FaultsSettings settings, ProviderStub stub) {
		this.settings = settings;
		this.api = new BenchApi(settings.gateway(), settings.tokenEndpoint(), settings.secret());
		this.stub = stub;
		this.processes = new PlatformProcesses(settings.launcher());
		this.kafka = new KafkaFaults(settings.kafkaBootstrap());
		this.cluster = new ClusterChecks(settings.kafkaBootstrap());
	}

	public static void main(String[] args) {
		for (String noisy : List.of("org.apache.kafka", "org.mongodb.driver")) {
			((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(noisy)).setLevel(Level.WARN);
		}
		FaultsSettings settings;
		try {
			settings = FaultsSettings.from(args, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			System.err.println("kim faults: " + ex.getMessage());
			System.exit(2);
			return;
		}
		String startedAt = Instant.now().toString();
		List<ScenarioResult> results;
		try (ProviderStub stub = new ProviderStub(settings.stubPort(), settings.stubDelayMillis())) {
			results = new KimFaults(settings, stub).run();
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("kim faults failed: " + ex);
			System.exit(1);
			return;
		}
		System.out.println();
		System.out.print(FaultsReport.table(results, settings.quick()));
		try {
			Path out = settings.out();
			if (out.toAbsolutePath().getParent() != null) {
				Files.createDirectories(out.toAbsolutePath().getParent());
			}
			Files.writeString(out, FaultsReport.json(results, settings.quick(), startedAt), StandardCharsets.UTF_8);
			System.out.println("JSON: " + out);
		}
		catch (IOException ex) {
			System.err.println("kim faults: cannot write the JSON: " + ex);
			System.exit(1);
		}
		System.exit(results.stream().allMatch(ScenarioResult::passed) ? 0 : 1);
	}

	private List<ScenarioResult> run() {
		KimBench.say("Fault injection on " + this.settings.gateway() + ", provider stub on :" + this.settings.stubPort()
				+ ", scenarios " + this.settings.scenarios() + (this.settings.quick() ? " (--quick)" : ""));
		this.api.bearer(AUTHOR);
		this.api.bearer(APPROVER);
		// the groups of every scenario that registers before its fault, up front: the
		// recipient projection catches up on later scenarios' joins while earlier ones
		// run
		for (int number : this.settings.scenarios()) {
			if (number != 3 && number != 8) {
				this.registered.put(number, broadcasts(number, Duration.ofMinutes(1)).register(AUTHOR, number * 100,
						this.settings.groupsPerScenario(), KABUPATEN));
			}
		}
		List<ScenarioResult> results = new ArrayList<>();
		for (int number : this.settings.scenarios()) {
			KimBench.say("==== scenario " + number);
			ScenarioResult result;
			try {
				result = scenario(number);
			}
			catch (RuntimeException ex) {
				result = ScenarioResult.failed(number, NAMES.get(number), outage(number), ex.toString(), List.of());
			}
			KimBench.say("==== scenario " + number + ": " + (result.passed() ? "ok" : "FAILED")
					+ ((result.tally() != null) ? " " + result.tally() : "")
					+ ((result.error() != null) ? " " + result.error() : "") + " " + result.problems());
			results.add(result);
		}
		return results;
	}

	static final Map<Integer, String> NAMES = Map.of(1, "kill -9 notification-service mid-delivery, 5 s, restart", 2,
			"kill -9 dissemination-service mid-fan-out, 5 s, restart", 3,
			"kill -9 group-service while members join, restart", 4, "Kafka broker stopped under load, started", 5,
			"database stopped under load, started", 6, "SMS provider answers 5xx, then recovers", 7,
			"WhatsApp 131026 for 1 in 4 numbers: SMS fallback", 8, "a poison record on each consumed topic", 9,
			"2 instances of notification+dissemination, 1 killed", 10,
			"cluster: 1 broker + 1 instance per service killed");

	/**
	 * The services scenario 10 kills one instance of (the first; the second keeps
	 * running).
	 */
	static final List<String> SCALED = List.of("group-service", "activity-service", "dissemination-service",
			"notification-service", "stream-service");

	/**
	 * The topics the services create, which the cluster must replicate 3 times, 2 in
	 * sync.
	 */
	static final List<String> PLATFORM_TOPICS = List.of("kim.group.events", "kim.activity.events",
			"kim.dissemination.events", "kim.notification.events", "kim.notification.requests",
			"kim.notification.urgent-requests");

	/**
	 * How far ahead scenario 10 schedules its broadcast (after the projection caught up).
	 */
	static final int SCHEDULE_AHEAD_SECONDS = 30;

	private String outage(int number) {
		boolean quick = this.settings.quick();
		return switch (number) {
			case 1, 2, 3 -> "kill -9, 5 s";
			case 4 -> this.settings.brokerOutage() + " s" + (quick ? " (full 60)" : "");
			case 5 -> this.settings.databaseOutage() + " s" + (quick ? " (full 120)" : "");
			case 6 -> this.settings.smsOutage() + " s" + (quick ? " (full 180)" : "");
			case 7 -> "25 % 131026";
			case 8 -> "poison/partition";
			case 9 -> "kill -9 1 of 2";
			case 10 -> "kill -9, no restart";
			default -> "?";
		};
	}

	private ScenarioResult scenario(int number) {
		return switch (number) {
			case 1 -> killDuringDelivery();
			case 2 -> killDuringFanOut();
			case 3 -> killWhileJoining();
			case 4 -> stopDuringDelivery(4, "kafka", this.settings.brokerOutage(), false);
			case 5 -> stopDuringDelivery(5, "mongo", this.settings.databaseOutage(), true);
			case 6 -> smsOutage();
			case 7 -> whatsAppFallback();
			case 8 -> poison();
			case 9 -> twoInstances();
			case 10 -> clusterKill();
			default -> throw new IllegalArgumentException("no scenario " + number);
		};
	}

	// ---- the scenarios
	// -----------------------------------------------------------------------

	private ScenarioResult killDuringDelivery() {
		Prepared broadcast = prepare(1, List.of("SMS"), (phone) -> Channel.SMS);
		approve(broadcast);
		awaitDelivered(broadcast, broadcast.expected().size() / 4);
		int before = delivered(broadcast);
		this.processes.kill("notification-service");
		// read once the process is gone: the sends it made while the kill was under way
		// are in flight too (taken before, a loaded machine left seconds between)
		Set<Long> inFlight = this.stub.inFlight(IN_FLIGHT_MILLIS);
		Pause.millis(5000);
		this.processes.start("notification-service");
		long faultEnd = System.nanoTime();
		List<String> notes = new ArrayList<>();
		notes.add("killed at " + before + " delivered, " + inFlight.size() + " sends in flight (open or answered < "
				+ IN_FLIGHT_MILLIS / 1000 + " s)");
		return settle(broadcast, faultEnd, inFlight, notes, List.of(), true);
	}

	private ScenarioResult killDuringFanOut() {
		Prepared broadcast = prepare(2, List.of("SMS"), (phone) -> Channel.SMS);
		List<String> notes = new ArrayList<>();
		try (KimBench.RequestCounter requests = new KimBench.RequestCounter(this.settings.kafkaBootstrap())) {
			approve(broadcast);
			requests.awaitCount(1, Duration.ofSeconds(120));
			this.processes.kill("dissemination-service");
			requests.awaitCount(Integer.MAX_VALUE, Duration.ofMillis(500));
			notes.add("killed with " + requests.count() + " of " + broadcast.expected().size()
					+ " requests on kim.notification.requests");
		}
		Pause.millis(5000);
		this.processes.start("dissemination-service");
		long faultEnd = System.nanoTime();
		return settle(broadcast, faultEnd, Set.of(), notes, List.of(), true);
	}

	private ScenarioResult killWhileJoining() {
		int number = 3;
		Broadcasts broadcasts = broadcasts(number, Duration.ofMinutes(6));
		CompletableFuture<Broadcasts.Registered> registering = CompletableFuture
			.supplyAsync(() -> broadcasts.register(AUTHOR, number * 100, this.settings.groupsPerScenario(), KABUPATEN));
		long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (broadcasts.registeredSoFar() < this.settings.groupsPerScenario() / 3 && !registering.isDone()
				&& System.nanoTime() < waitUntil) {
			Pause.millis(100);
		}
		int joinedAtKill = broadcasts.registeredSoFar();
		this.processes.kill("group-service");
		Pause.millis(5000);
		this.processes.start("group-service");
		long faultEnd = System.nanoTime();
		Broadcasts.Registered registered = registering.join();
		Prepared broadcast = draftAndSubmit(number, broadcasts, registered.groupIds(), List.of("SMS"),
				(phone) -> Channel.SMS);
		approve(broadcast);
		List<String> notes = new ArrayList<>();
		notes.add("killed after " + joinedAtKill + " of " + this.settings.groupsPerScenario()
				+ " rosters; the rest retried with their idempotency keys");
		return settle(broadcast, faultEnd, Set.of(), notes, List.of(), true);
	}

	private ScenarioResult stopDuringDelivery(int number, String process, int seconds, boolean checkDeadLetters) {
		Map<String, Long> deadLettersBefore = this.kafka.deadLetters();
		Prepared broadcast = prepare(number, List.of("SMS"), (phone) -> Channel.SMS);
		approve(broadcast);
		awaitDelivered(broadcast, broadcast.expected().size() / 5);
		int before = delivered(broadcast);
		this.processes.stop(process);
		Pause.millis(seconds * 1000L);
		this.processes.start(process);
		long faultEnd = System.nanoTime();
		List<String> notes = new ArrayList<>();
		notes.add(process + " stopped at " + before + " delivered");
		ScenarioResult result = settle(broadcast, faultEnd, Set.of(), notes, List.of(), true);
		if (!checkDeadLetters) {
			return result;
		}
		List<String> problems = new ArrayList<>(result.problems());
		Map<String, Long> grown = KafkaFaults.grown(deadLettersBefore, this.kafka.deadLetters());
		if (!grown.isEmpty()) {
			problems.add("records dead-lettered during the outage: " + grown);
		}
		return new ScenarioResult(result.number(), result.name(), result.outage(), result.accepted(), result.tally(),
				result.recoverySeconds(), problems, result.notes(), result.error());
	}

	private ScenarioResult smsOutage() {
		Prepared broadcast = prepare(6, List.of("SMS"), (phone) -> Channel.SMS);
		this.stub.smsFailing(true);
		try {
			approve(broadcast);
			Pause.millis(this.settings.smsOutage() * 1000L);
		}
		finally {
			this.stub.smsFailing(false);
		}
		long faultEnd = System.nanoTime();
		return settle(broadcast, faultEnd, Set.of(), new ArrayList<>(), List.of(), true);
	}

	private ScenarioResult whatsAppFallback() {
		int number = 7;
		// every fourth member of each roster (00, 04, ... 28)
		Predicate<String> notOnWhatsApp = (phone) -> phone.startsWith(range(number))
				&& Integer.parseInt(phone.substring(phone.length() - 2)) % 4 == 0;
		this.stub.notOnWhatsApp(notOnWhatsApp);
		try {
			Prepared broadcast = prepare(number, List.of("WHATSAPP", "SMS"),
					(phone) -> notOnWhatsApp.test(phone) ? Channel.SMS : Channel.WHATSAPP);
			approve(broadcast);
			ScenarioResult result = settle(broadcast, System.nanoTime(), Set.of(), new ArrayList<>(), List.of(), false);
			long fallbacks = broadcast.expected().values().stream().filter((channel) -> channel == Channel.SMS).count();
			List<String> notes = new ArrayList<>(result.notes());
			notes.add(fallbacks + " numbers answered 131026; each must get exactly one SMS and no WhatsApp");
			return new ScenarioResult(result.number(), result.name(), result.outage(), result.accepted(),
					result.tally(), null, result.problems(), notes, result.error());
		}
		finally {
			this.stub.notOnWhatsApp((phone) -> false);
		}
	}

	private ScenarioResult poison() {
		int number = 8;
		Map<String, Long> deadLettersBefore = this.kafka.deadLetters();
		KafkaFaults.Poisoned poisoned = this.kafka.poisonEveryConsumedTopic();
		Prepared broadcast = prepare(number, List.of("SMS"), (phone) -> Channel.SMS);
		approve(broadcast);
		ScenarioResult result = settle(broadcast, System.nanoTime(), Set.of(), new ArrayList<>(), List.of(), false);
		// the dead letters are written by each consumer after its retries: give them time
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		List<String> problems = poisoned.missingDeadLetters(deadLettersBefore, this.kafka.deadLetters());
		while (!problems.isEmpty() && System.nanoTime() < until) {
			Pause.millis(2000);
			problems = poisoned.missingDeadLetters(deadLettersBefore, this.kafka.deadLetters());
		}
		List<String> notes = new ArrayList<>(result.notes());
		notes.add("poisoned " + poisoned.describe());
		// no fault on the broadcast's own path: every send carries its approval's trace
		// (gateway → dissemination → outbox → Kafka → notification-service → provider
		// call)
		problems = new ArrayList<>(problems);
		ClusterChecks.BroadcastEvents events = this.cluster.broadcastEvents(broadcast.broadcast());
		int[] traced = sendsInApprovalTrace(broadcast, events.approvalTraceIds());
		notes.add(traced[0] + " of " + traced[1] + " sends carried a traceparent of the approval's trace "
				+ events.approvalTraceIds());
		if (events.approvalTraceIds().isEmpty()) {
			problems.add("the approval event carried no traceparent");
		}
		else if (traced[0] != traced[1]) {
			problems.add((traced[1] - traced[0]) + " of " + traced[1]
					+ " sends reached the provider without a traceparent of the approval's trace");
		}
		return new ScenarioResult(result.number(), result.name(), result.outage(), result.accepted(), result.tally(),
				null, problems, notes, result.error());
	}

	private ScenarioResult twoInstances() {
		int number = 9;
		this.processes.start("dissemination-service@2", "notification-service@2");
		try {
			Prepared broadcast = prepare(number, List.of("SMS"), (phone) -> Channel.SMS);
			approve(broadcast);
			Pause.millis(300);
			this.processes.kill("dissemination-service@2");
			awaitDelivered(broadcast, broadcast.expected().size() / 4);
			int before = delivered(broadcast);
			this.processes.kill("notification-service");
			Set<Long> inFlight = this.stub.inFlight(IN_FLIGHT_MILLIS);
			long faultEnd = System.nanoTime();
			List<String> notes = new ArrayList<>();
			notes.add("dissemination-service@2 killed 0.3 s after approval; notification-service (first instance) at "
					+ before + " delivered, " + inFlight.size() + " sends in flight; not restarted");
			return settle(broadcast, faultEnd, inFlight, notes, List.of(), true);
		}
		finally {
			// back to one instance each, as the platform started
			this.processes.start("notification-service", "dissemination-service");
			this.processes.stop("notification-service@2", "dissemination-service@2");
		}
	}

	/**
	 * Scenario 10 (issue #14), on {@code ./kim up --cluster}: a broadcast scheduled
	 * {@value #SCHEDULE_AHEAD_SECONDS} s ahead (both dissemination instances watch the
	 * schedule), and once a quarter of it reached the stub, kill -9 of the broker that
	 * leads the metadata quorum and of the first instance of each backend service, none
	 * restarted until the counting is done. Beyond the stub's count (nothing lost or
	 * doubled): the platform's topics have 3 replicas and min.insync.replicas 2; the
	 * broadcast was released once (one distinct approval event) and each recipient
	 * requested once (one distinct request event; copies of one event, published again
	 * after the kill and dropped by the consumers by id, are counted in the notes); every
	 * consumer group that had both instances' members is stable again with only the
	 * survivors, who hold every partition.
	 */
	private ScenarioResult clusterKill() {
		int number = 10;
		List<String> problems = new ArrayList<>(this.cluster.underReplicatedTopics(PLATFORM_TOPICS));
		List<String> notes = new ArrayList<>();
		Broadcasts broadcasts = broadcasts(number, Duration.ofMinutes(1));
		Broadcasts.Registered registered = this.registered.containsKey(number) ? this.registered.remove(number)
				: broadcasts.register(AUTHOR, number * 100, this.settings.groupsPerScenario(), KABUPATEN);
		// the schedule must not come while the projection still catches up
		try (ProjectionLag lag = new ProjectionLag(this.settings.kafkaBootstrap(), KimBench.PROJECTION_GROUP,
				KimBench.GROUP_EVENTS_TOPIC)) {
			lag.awaitCaughtUp(0, this.settings.catchUpTimeoutSeconds(), KimBench::say);
		}
		catch (IllegalStateException ex) {
			KimBench.say("  " + ex.getMessage());
		}
		Instant fireAt = Instant.now().plusSeconds(SCHEDULE_AHEAD_SECONDS);
		Prepared broadcast = draftAndSubmit(number, broadcasts, registered.groupIds(), List.of("SMS"),
				(phone) -> Channel.SMS, fireAt);
		String status = this.api.post("/api/broadcasts/" + broadcast.broadcast() + "/approve", Map.of(), APPROVER, 200)
			.path("status")
			.asString("?");
		KimBench.say("Approved " + broadcast.broadcast() + ": " + status + " for " + fireAt);
		if (!"SCHEDULED".equals(status)) {
			problems.add("approved as " + status + ", not SCHEDULED (the preview took past " + fireAt + ")");
		}
		Map<String, ClusterChecks.Group> before = this.cluster.groups();
		awaitDelivered(broadcast, 1);
		notes.add(String.format(Locale.ROOT, "released %.1f s after its scheduled time",
				Duration.between(fireAt, Instant.now()).toMillis() / 1000.0));
		awaitDelivered(broadcast, broadcast.expected().size() / 4);
		int leader = this.cluster.quorumLeader();
		String broker = (leader == 1) ? "kafka" : "kafka@" + leader;
		int deliveredAtKill = delivered(broadcast);
		List<String> killed = new ArrayList<>();
		killed.add(broker);
		killed.addAll(SCALED);
		try {
			this.processes.kill(killed.toArray(String[]::new));
			// once they are gone: what they sent while the kill was under way counts too
			Set<Long> inFlight = this.stub.inFlight(IN_FLIGHT_MILLIS);
			long faultEnd = System.nanoTime();
			notes.add("killed " + String.join(", ", killed) + " (node " + leader + ", the quorum leader) at "
					+ deliveredAtKill + " delivered, " + inFlight.size() + " sends in flight; none restarted");
			ScenarioResult settled = settle(broadcast, faultEnd, inFlight, notes, List.of(), true);
			// the killed instance's consumers leave their groups after the session
			// timeout
			Map<String, ClusterChecks.Group> after = this.cluster.groups();
			long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while (!ClusterChecks.rebalanced(before, after) && System.nanoTime() < until) {
				Pause.millis(2000);
				after = this.cluster.groups();
			}
			problems.addAll(ClusterChecks.rebalanceProblems(before, after));
			notes.add("consumer groups: " + ClusterChecks.describe(before, after));
			ClusterChecks.BroadcastEvents events = this.cluster.broadcastEvents(broadcast.broadcast());
			if (events.approvals().size() != 1) {
				problems.add("released " + events.approvals().size()
						+ " times (distinct approval events on kim.dissemination.events), not once");
			}
			List<String> doubled = events.doubledRecipients();
			if (!doubled.isEmpty()) {
				problems.add(doubled.size() + " recipients requested by more than one distinct event, e.g. "
						+ doubled.subList(0, Math.min(5, doubled.size())));
			}
			if (events.requestIdsPerRecipient().size() != broadcast.expected().size()) {
				problems.add("requests on the broker for " + events.requestIdsPerRecipient().size() + " recipients of "
						+ broadcast.expected().size());
			}
			int[] traced = sendsInApprovalTrace(broadcast, events.approvalTraceIds());
			notes.add(traced[0] + " of " + traced[1] + " sends carried a traceparent of the approval's trace "
					+ events.approvalTraceIds() + " (a scheduled release runs in a trace of its own, if any)");
			notes.add("on the broker: " + events.approvals().size() + " approval event (" + events.approvalCopies()
					+ " copies), requests for " + events.requestIdsPerRecipient().size() + " recipients, "
					+ events.requestCopies() + " copies of a request published again (dropped by id)");
			List<String> all = new ArrayList<>(settled.problems());
			all.addAll(problems);
			return new ScenarioResult(number, NAMES.get(number), outage(number), settled.accepted(), settled.tally(),
					settled.recoverySeconds(), all, settled.notes(), settled.error());
		}
		finally {
			// the platform whole again, as it started
			this.processes.start(killed.toArray(String[]::new));
		}
	}

	/**
	 * Of the broadcast's sends the stub took: how many came with a {@code traceparent} of
	 * one of the given traces, and how many there were.
	 */
	private int[] sendsInApprovalTrace(Prepared broadcast, Set<String> traceIds) {
		int carrying = 0;
		int total = 0;
		for (ProviderStub.Send send : this.stub.sends()) {
			if (send.accepted() && broadcast.expected().containsKey(send.phone())) {
				total++;
				String traceId = ClusterChecks.traceId(this.stub.traceparent(send.seq()));
				if (traceId != null && traceIds.contains(traceId)) {
					carrying++;
				}
			}
		}
		return new int[] { carrying, total };
	}

	// ---- steps
	// ------------------------------------------------------------------------

	/**
	 * A broadcast of scenario {@code number}, submitted: its own groups (indexes
	 * number*100 ...), each number of its roster an intended recipient on the channel
	 * {@code channelOf} gives.
	 */
	record Prepared(int number, String broadcast, int accepted, Map<String, Channel> expected) {
	}

	private Broadcasts broadcasts(int number, Duration outageTolerance) {
		return new Broadcasts(this.api, "KIM Faults " + this.runPrefix + " s" + number, this.runPrefix,
				this.settings.members(), this.settings.uploadConcurrency(), outageTolerance);
	}

	private Prepared prepare(int number, List<String> channels,
			java.util.function.Function<String, Channel> channelOf) {
		Broadcasts broadcasts = broadcasts(number, Duration.ofMinutes(1));
		Broadcasts.Registered registered = this.registered.containsKey(number) ? this.registered.remove(number)
				: broadcasts.register(AUTHOR, number * 100, this.settings.groupsPerScenario(), KABUPATEN);
		return draftAndSubmit(number, broadcasts, registered.groupIds(), channels, channelOf);
	}

	private Prepared draftAndSubmit(int number, Broadcasts broadcasts, List<String> groups, List<String> channels,
			java.util.function.Function<String, Channel> channelOf) {
		return draftAndSubmit(number, broadcasts, groups, channels, channelOf, null);
	}

	private Prepared draftAndSubmit(int number, Broadcasts broadcasts, List<String> groups, List<String> channels,
			java.util.function.Function<String, Channel> channelOf, Instant scheduledAt) {
		Map<String, Channel> expected = new LinkedHashMap<>();
		for (int group = 0; group < groups.size(); group++) {
			for (int member = 0; member < this.settings.members(); member++) {
				String phone = international(RosterCsv.phone(this.runPrefix, number * 100 + group, member));
				expected.put(phone, channelOf.apply(phone));
			}
		}
		String title = "KIM faults " + this.runPrefix + " skenario " + number;
		String message = "Uji ketahanan " + this.runPrefix + "/" + number
				+ ": peringatan dini banjir, warga bantaran sungai diminta bersiap mengungsi.";
		Map<String, Object> target = Map.of("kabupaten", List.of(KABUPATEN), "groups", groups);
		String broadcast = (scheduledAt == null) ? broadcasts.draft(AUTHOR, title, message, channels, target)
				: this.api
					.post("/api/broadcasts",
							Map.of("title", title, "message", message, "channels", channels, "priority", "NORMAL",
									"target", target, "scheduledAt", scheduledAt.toString()),
							AUTHOR, 201)
					.get("id")
					.asString();
		int accepted = awaitPreview(broadcasts, broadcast, expected.size());
		this.api.post("/api/broadcasts/" + broadcast + "/submit", Map.of(), AUTHOR, 200);
		KimBench.say("Broadcast " + broadcast + " to " + accepted + " recipients (" + expected.size()
				+ " imported) submitted");
		return new Prepared(number, broadcast, accepted, expected);
	}

	/**
	 * The preview's count once it reaches {@code expected}, or the last count seen. The
	 * recipient projection's lag is waited for on the broker first (bench's
	 * {@link ProjectionLag}): a preview is a full scan of the projection on the embedded
	 * database and polling it slows the catch-up it waits for.
	 */
	private int awaitPreview(Broadcasts broadcasts, String broadcast, int expected) {
		try (ProjectionLag lag = new ProjectionLag(this.settings.kafkaBootstrap(), KimBench.PROJECTION_GROUP,
				KimBench.GROUP_EVENTS_TOPIC)) {
			lag.awaitCaughtUp(0, this.settings.catchUpTimeoutSeconds(), KimBench::say);
			broadcasts.awaitPreview(broadcast, AUTHOR, 0, expected, 60, 5000);
			return expected;
		}
		catch (IllegalStateException ex) {
			KimBench.say("  " + ex.getMessage());
			return broadcasts.preview(broadcast, AUTHOR);
		}
	}

	private void approve(Prepared broadcast) {
		this.api.post("/api/broadcasts/" + broadcast.broadcast() + "/approve", Map.of(), APPROVER, 200);
		KimBench.say("Approved " + broadcast.broadcast());
	}

	/** The numbers of a scenario begin with this (international form). */
	String range(int number) {
		return international(RosterCsv.phone(this.runPrefix, number * 100, 0)).substring(0, 10);
	}

	static String international(String local) {
		return "62" + local.substring(1);
	}

	private int delivered(Prepared broadcast) {
		Set<String> got = new HashSet<>();
		for (ProviderStub.Send send : this.stub.sends()) {
			if (send.accepted() && broadcast.expected().containsKey(send.phone())) {
				got.add(send.phone());
			}
		}
		return got.size();
	}

	private void awaitDelivered(Prepared broadcast, int count) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(this.settings.deliveryTimeoutSeconds());
		while (delivered(broadcast) < count) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("fewer than " + count + " of " + broadcast.broadcast()
						+ "'s messages reached the stub within " + this.settings.deliveryTimeoutSeconds() + " s");
			}
			Pause.millis(100);
		}
	}

	/**
	 * Waits until every intended recipient got a message (or the delivery timeout after
	 * the fault's end), then until nothing more arrives for the scenario's numbers for a
	 * quiet period (and, after a kill, at least the lease and a recovery round after the
	 * fault's end: when the platform would send again whatever it thought unsent), and
	 * counts.
	 */
	private ScenarioResult settle(Prepared broadcast, long faultEnd, Set<Long> inFlight, List<String> notes,
			List<String> problems, boolean hasRecovery) {
		String range = range(broadcast.number());
		Predicate<String> inRange = (phone) -> phone.startsWith(range);
		// waits while deliveries go on: a loaded machine is slow, and slow is not lost.
		// It
		// stops when all arrived, when nothing arrived for a stall longer than a claim's
		// lease (the platform's own recovery had its chance), or at a hard cap
		long hardCap = Math.max(System.nanoTime(), faultEnd)
				+ TimeUnit.SECONDS.toNanos(this.settings.deliveryTimeoutSeconds());
		long stall = TimeUnit.SECONDS.toNanos(this.settings.stallSeconds());
		int got = -1;
		long lastGrowth = Math.max(System.nanoTime(), faultEnd);
		while (true) {
			int now = delivered(broadcast);
			if (now >= broadcast.expected().size()) {
				break;
			}
			if (now != got) {
				got = now;
				lastGrowth = Math.max(System.nanoTime(), lastGrowth);
			}
			long t = System.nanoTime();
			if (t >= hardCap || t - lastGrowth >= stall) {
				break;
			}
			Pause.millis(500);
		}
		long settleUntil = hasRecovery ? faultEnd + TimeUnit.SECONDS.toNanos(this.settings.leaseSeconds() + 15) : 0;
		AtomicInteger seen = new AtomicInteger(-1);
		long quietSince = System.nanoTime();
		long quiet = TimeUnit.SECONDS.toNanos(this.settings.quietSeconds());
		while (true) {
			int now = (int) this.stub.sends().stream().filter((send) -> inRange.test(send.phone())).count();
			if (now != seen.getAndSet(now)) {
				quietSince = System.nanoTime();
			}
			if (System.nanoTime() - quietSince >= quiet && System.nanoTime() >= settleUntil) {
				break;
			}
			Pause.millis(500);
		}
		Tally tally = Tally.of(broadcast.expected(), inRange, this.stub.sends(), inFlight);
		Double recovery = (!hasRecovery || tally.delivered() == 0) ? null
				: Math.max(0, tally.lastDeliveryNanos() - faultEnd) / 1e9;
		return new ScenarioResult(broadcast.number(), NAMES.get(broadcast.number()), outage(broadcast.number()),
				broadcast.accepted(), tally, recovery, problems, notes, null);
	}

}
