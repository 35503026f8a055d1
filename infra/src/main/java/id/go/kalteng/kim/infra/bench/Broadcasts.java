package id.go.kalteng.kim.infra.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import id.go.kalteng.kim.infra.bench.BenchApi.Pause;
import tools.jackson.databind.JsonNode;

/**
 * What the benchmark and the fault-injection suite ({@code ./kim faults}) do through the
 * public API before they measure: register groups with CSV rosters ({@link RosterCsv}),
 * draft a broadcast to them and wait until its preview counts every member.
 */
public final class Broadcasts {

	private final BenchApi api;

	private final String groupNamePrefix;

	private final int runPrefix;

	private final int members;

	private final int uploadConcurrency;

	private final Duration outageTolerance;

	private final AtomicInteger registeredSoFar = new AtomicInteger();

	/**
	 * @param groupNamePrefix each group is named this, a dash and its index
	 * @param runPrefix three digits in every member's number ({@link RosterCsv#phone})
	 * @param outageTolerance how long a registration call keeps being retried (with the
	 * same idempotency key) while the platform does not answer, beyond {@link BenchApi}'s
	 * few retries: zero for the benchmark, minutes for a suite that kills group-service
	 */
	public Broadcasts(BenchApi api, String groupNamePrefix, int runPrefix, int members, int uploadConcurrency,
			Duration outageTolerance) {
		this.api = api;
		this.groupNamePrefix = groupNamePrefix;
		this.runPrefix = runPrefix;
		this.members = members;
		this.uploadConcurrency = uploadConcurrency;
		this.outageTolerance = outageTolerance;
	}

	/**
	 * @param groupIds the groups, in the order of their indexes
	 * @param lastAccepted System.nanoTime() when the last roster was accepted
	 * @param seconds first call to the last roster accepted
	 */
	public record Registered(List<String> groupIds, long lastAccepted, double seconds) {
	}

	/**
	 * Registers groups {@code first .. first+count-1} of the run in a kabupaten, each
	 * with its CSV roster, {@code uploadConcurrency} at a time.
	 */
	public Registered register(String author, int first, int count, String kabupaten) {
		KimBench.say("Registering " + count + " groups of " + this.members + " members in " + kabupaten
				+ " by CSV roster upload, " + this.uploadConcurrency + " at a time ...");
		String[] ids = new String[count];
		AtomicLong lastAccepted = new AtomicLong();
		AtomicInteger done = new AtomicInteger();
		long start = System.nanoTime();
		ExecutorService uploads = Executors.newFixedThreadPool(this.uploadConcurrency);
		try {
			List<Future<?>> pending = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int slot = i;
				int index = first + i;
				pending.add(uploads.submit(() -> {
					ids[slot] = registerOne(author, index, kabupaten);
					lastAccepted.accumulateAndGet(System.nanoTime(), Math::max);
					int registered = done.incrementAndGet();
					this.registeredSoFar.incrementAndGet();
					if (registered % Math.max(1, count / 10) == 0 && registered < count) {
						KimBench.say("  " + registered + " of " + count + " groups registered");
					}
				}));
			}
			for (Future<?> upload : pending) {
				upload.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(ex.getCause());
		}
		finally {
			uploads.shutdownNow();
		}
		double seconds = (lastAccepted.get() - start) / 1e9;
		KimBench.say("  " + count + " groups registered in " + BenchReport.number(seconds) + " s");
		return new Registered(Arrays.asList(ids), lastAccepted.get(), seconds);
	}

	/** Groups registered with their rosters so far, by this instance. */
	public int registeredSoFar() {
		return this.registeredSoFar.get();
	}

	private String registerOne(String author, int index, String kabupaten) {
		String groupKey = UUID.randomUUID().toString();
		JsonNode group = this.api
			.parse(tolerating(() -> this.api.postRaw("/api/groups", "application/json",
					this.api.toJson(Map.of("name", this.groupNamePrefix + "-" + index, "kabupaten", kabupaten,
							"kecamatan", "Jekan Raya", "desa", "Palangka", "setting", "PERKOTAAN")),
					author, 201, groupKey)));
		String id = group.get("id").asString();
		String rosterKey = UUID.randomUUID().toString();
		String answer = tolerating(() -> this.api.postRaw("/api/groups/" + id + "/members/import", "text/csv",
				RosterCsv.roster(this.runPrefix, index, this.members), author, 200, rosterKey));
		if (answer.contains("REJECTED")) {
			throw new IllegalStateException(
					"roster of group " + id + " had rejected rows: " + BenchApi.abbreviate(answer));
		}
		return id;
	}

	/**
	 * The call, again (it carries the same idempotency key) for as long as the outage
	 * tolerance allows while it fails.
	 */
	private <T> T tolerating(Supplier<T> call) {
		long deadline = System.nanoTime() + this.outageTolerance.toNanos();
		while (true) {
			try {
				return call.get();
			}
			catch (IllegalStateException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				Pause.millis(2000);
			}
		}
	}

	/** Drafts a NORMAL broadcast of the benchmark's message. */
	public String draft(String author, String title, String channel, Map<String, Object> target) {
		return draft(author, title,
				"Peringatan dini banjir: warga bantaran sungai diminta bersiap mengungsi. Ikuti arahan petugas.",
				List.of(channel), target);
	}

	/**
	 * Drafts a NORMAL broadcast; its channels in order of preference (each after the
	 * first is a recipient's fallback).
	 */
	public String draft(String author, String title, String message, List<String> channels,
			Map<String, Object> target) {
		return this.api
			.post("/api/broadcasts", Map.of("title", title, "message", message, "channels", channels, "priority",
					"NORMAL", "target", target), author, 201)
			.get("id")
			.asString();
	}

	/**
	 * Polls a draft's preview until it counts {@code existing + expected} recipients.
	 * @return System.nanoTime() when it did
	 */
	public long awaitPreview(String broadcast, String author, int existing, int expected, int timeoutSeconds) {
		return awaitPreview(broadcast, author, existing, expected, timeoutSeconds, 500);
	}

	/**
	 * Polls a draft's preview every {@code pollMillis} (each poll reads the whole
	 * recipient projection, competing with the projection it waits for) until it counts
	 * {@code existing + expected} recipients.
	 * @return System.nanoTime() when it did
	 */
	public long awaitPreview(String broadcast, String author, int existing, int expected, int timeoutSeconds,
			long pollMillis) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		int wanted = existing + expected;
		while (true) {
			int previewed;
			try {
				previewed = preview(broadcast, author);
			}
			catch (IllegalStateException ex) {
				// a preview that failed on the server (the embedded database's scan of
				// 100k documents under writes has thrown): said, and polled again
				KimBench.say("preview failed, polling again: " + BenchApi.abbreviate(ex.getMessage()));
				previewed = -1;
			}
			if (previewed == wanted) {
				return System.nanoTime();
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the preview of " + broadcast + " counted " + previewed + " of "
						+ wanted + " after " + timeoutSeconds + " s");
			}
			Pause.millis(pollMillis);
		}
	}

	public int preview(String broadcast, String author) {
		return this.api.get("/api/broadcasts/" + broadcast + "/preview", author).path("recipients").asInt();
	}

}
