package id.go.kalteng.kim.dissemination.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import id.go.kalteng.kim.contracts.notification.NotificationStatusChangedEvent;
import id.go.kalteng.kim.dissemination.DisseminationServiceIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A dispatch's status only moves forward, and the broadcast's counts stay exact whatever
 * order, repetition or interruption the status events come with.
 */
class DispatchProgressIntegrationTest extends DisseminationServiceIntegrationTest {

	@Autowired
	DispatchProgress progress;

	@Autowired
	DispatchCounts counts;

	@Autowired
	DispatchStorage storage;

	@Autowired
	DispatchErasure erasure;

	@Test
	void aLateStatusNeverMovesADispatchBack() {
		String broadcast = UUID.randomUUID().toString();
		String sent = dispatch(broadcast, "QUEUED");
		String delivered = dispatch(broadcast, "QUEUED");

		assertThat(this.progress.advance(sent, DispatchStatus.SENT)).isTrue();
		assertThat(this.progress.advance(sent, DispatchStatus.QUEUED)).isFalse();
		assertThat(this.progress.advance(sent, DispatchStatus.SENT)).isFalse();
		assertThat(this.progress.advance(delivered, DispatchStatus.DELIVERED)).isTrue();
		assertThat(this.progress.advance(delivered, DispatchStatus.SENT)).isFalse();
		assertThat(this.progress.advance(delivered, DispatchStatus.FAILED)).isFalse();

		assertThat(status(sent)).isEqualTo("SENT");
		assertThat(status(delivered)).isEqualTo("DELIVERED");
		assertThat(this.counts.countsFor(broadcast, 2)).containsEntry("queued", 0L)
			.containsEntry("sent", 1L)
			.containsEntry("delivered", 1L)
			.containsEntry("failed", 0L);
		assertThat(this.progress.advance(UUID.randomUUID().toString(), DispatchStatus.SENT)).as("unknown dispatch")
			.isFalse();
	}

	@Test
	void eachStepIsCountedOnceInWhateverOrderAndRepetitionItComes() {
		String broadcast = UUID.randomUUID().toString();
		String inOrder = dispatch(broadcast, "QUEUED");
		String outOfOrder = dispatch(broadcast, "QUEUED");
		String failed = dispatch(broadcast, "QUEUED");
		dispatch(broadcast, "QUEUED");

		// what the counters remember of a settled move goes with the next write
		this.counts.settleDelay(Duration.ZERO);
		try {
			for (DispatchStatus status : List.of(DispatchStatus.SENT, DispatchStatus.SENT, DispatchStatus.DELIVERED,
					DispatchStatus.SENT, DispatchStatus.READ, DispatchStatus.DELIVERED)) {
				this.progress.advance(inOrder, status);
			}
			for (DispatchStatus status : List.of(DispatchStatus.READ, DispatchStatus.DELIVERED, DispatchStatus.SENT,
					DispatchStatus.READ)) {
				this.progress.advance(outOfOrder, status);
			}
			for (DispatchStatus status : List.of(DispatchStatus.SENT, DispatchStatus.FAILED, DispatchStatus.DELIVERED,
					DispatchStatus.FAILED)) {
				this.progress.advance(failed, status);
			}
		}
		finally {
			this.counts.settleDelay(DispatchCounts.SETTLE_DELAY);
		}

		assertThat(this.counts.countsFor(broadcast, 4)).containsExactlyInAnyOrderEntriesOf(
				Map.ofEntries(Map.entry("queued", 1L), Map.entry("sent", 0L), Map.entry("delivered", 0L),
						Map.entry("read", 2L), Map.entry("failed", 1L), Map.entry("suppressed", 0L),
						Map.entry("cancelled", 0L), Map.entry("expired", 0L), Map.entry("final", 3L)));
		assertThat(inFlight(broadcast)).as("settled steps are no longer remembered").hasSizeLessThanOrEqualTo(1);
	}

	@Test
	void aStepCountedBeforeACrashIsNotCountedAgainWhenItsEventComesAgain() {
		String broadcast = UUID.randomUUID().toString();
		String dispatch = dispatch(broadcast, "QUEUED");
		this.progress.advance(dispatch, DispatchStatus.SENT);

		// counted, then the service stopped before the dispatch was written
		this.counts.count(broadcast, dispatch, DispatchStatus.SENT, DispatchStatus.DELIVERED, System.nanoTime());
		assertThat(status(dispatch)).isEqualTo("SENT");

		// the same event again, and a later one
		assertThat(this.progress.advance(dispatch, DispatchStatus.DELIVERED)).isTrue();
		assertThat(this.progress.advance(dispatch, DispatchStatus.DELIVERED)).isFalse();
		assertThat(this.counts.countsFor(broadcast, 1)).containsEntry("sent", 0L)
			.containsEntry("delivered", 1L)
			.containsEntry("queued", 0L);
		assertThat(this.progress.advance(dispatch, DispatchStatus.READ)).isTrue();
		assertThat(this.counts.countsFor(broadcast, 1)).containsEntry("delivered", 0L).containsEntry("read", 1L);

		// counted further than the dispatch got before a crash: a late earlier status
		// moves the dispatch without counting again, the redelivered one finishes it
		String other = dispatch(broadcast, "QUEUED");
		this.counts.count(broadcast, other, DispatchStatus.QUEUED, DispatchStatus.DELIVERED, System.nanoTime());
		assertThat(this.progress.advance(other, DispatchStatus.SENT)).isTrue();
		assertThat(this.progress.advance(other, DispatchStatus.DELIVERED)).isTrue();
		assertThat(this.counts.countsFor(broadcast, 2)).containsEntry("sent", 0L)
			.containsEntry("delivered", 1L)
			.containsEntry("read", 1L)
			.containsEntry("queued", 0L);
	}

	@Test
	void concurrentStatusEventsOfManyDispatchesAreCountedExactly() throws Exception {
		String broadcast = UUID.randomUUID().toString();
		List<String> dispatches = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			dispatches.add(dispatch(broadcast, "QUEUED"));
		}
		List<Runnable> steps = new ArrayList<>();
		for (String dispatch : dispatches) {
			for (DispatchStatus status : List.of(DispatchStatus.SENT, DispatchStatus.DELIVERED, DispatchStatus.READ,
					DispatchStatus.SENT, DispatchStatus.READ)) {
				steps.add(() -> this.progress.advance(dispatch, status));
			}
		}
		Collections.shuffle(steps);
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> done = new ArrayList<>();
			steps.forEach((step) -> done.add(threads.submit(step)));
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			threads.shutdown();
		}

		assertThat(dispatches).allSatisfy((dispatch) -> assertThat(status(dispatch)).isEqualTo("READ"));
		assertThat(this.counts.countsFor(broadcast, 40)).containsExactlyInAnyOrderEntriesOf(
				Map.ofEntries(Map.entry("queued", 0L), Map.entry("sent", 0L), Map.entry("delivered", 0L),
						Map.entry("read", 40L), Map.entry("failed", 0L), Map.entry("suppressed", 0L),
						Map.entry("cancelled", 0L), Map.entry("expired", 0L), Map.entry("final", 40L)));
	}

	@Test
	void aBatchOfStatusEventsAppliesEachInOrderWithOneReadOneCounterWriteAndOneBulkWrite() {
		String broadcast = UUID.randomUUID().toString();
		String other = UUID.randomUUID().toString();
		String inOrder = dispatch(broadcast, "QUEUED");
		String late = dispatch(broadcast, "QUEUED");
		String failed = dispatch(broadcast, "QUEUED");
		String elsewhere = dispatch(other, "QUEUED");
		String untouched = dispatch(broadcast, "QUEUED");

		int moved = this.progress.advanceAll(List.of(change(inOrder, "SENT"), change(late, "DELIVERED"),
				change(inOrder, "DELIVERED"), change(late, "SENT"), change(failed, "SENT"), change(failed, "QUEUED"),
				change(failed, "FAILED"), change(failed, "DELIVERED"), change(elsewhere, "READ"),
				change(UUID.randomUUID().toString(), "SENT"), change(inOrder, "DELIVERED")));

		assertThat(moved).isEqualTo(4);
		assertThat(status(inOrder)).isEqualTo("DELIVERED");
		assertThat(status(late)).isEqualTo("DELIVERED");
		assertThat(status(failed)).isEqualTo("FAILED");
		assertThat(status(elsewhere)).isEqualTo("READ");
		assertThat(status(untouched)).isEqualTo("QUEUED");
		assertThat(this.counts.countsFor(broadcast, 4)).containsExactlyInAnyOrderEntriesOf(
				Map.ofEntries(Map.entry("queued", 1L), Map.entry("sent", 0L), Map.entry("delivered", 2L),
						Map.entry("read", 0L), Map.entry("failed", 1L), Map.entry("suppressed", 0L),
						Map.entry("cancelled", 0L), Map.entry("expired", 0L), Map.entry("final", 3L)));
		assertThat(this.counts.countsFor(other, 1)).containsEntry("read", 1L)
			.containsEntry("sent", 0L)
			.containsEntry("queued", 0L);

		// the same batch again (redelivered) changes nothing
		assertThat(this.progress.advanceAll(List.of(change(inOrder, "SENT"), change(late, "DELIVERED"),
				change(failed, "FAILED"), change(elsewhere, "READ"))))
			.isZero();
		assertThat(this.counts.countsFor(broadcast, 4)).containsEntry("delivered", 2L).containsEntry("failed", 1L);
	}

	@Test
	void aBatchOfEventsMovesOnlyBroadcastDispatchesByStatusesTheyKnow() {
		String broadcast = UUID.randomUUID().toString();
		String dispatch = dispatch(broadcast, "QUEUED");
		Instant now = Instant.now();

		this.progress.notificationStatusesChanged(List.of(
				new NotificationStatusChangedEvent(dispatch, "DIRECT", "x", "62.71", "SMS", "READ", null, null, now),
				new NotificationStatusChangedEvent(dispatch, "BROADCAST", broadcast, "62.71", "SMS", "BOUNCED", null,
						null, now),
				new NotificationStatusChangedEvent(dispatch, "BROADCAST", broadcast, "62.71", "SMS", null, null, null,
						now),
				new NotificationStatusChangedEvent(dispatch, "BROADCAST", broadcast, "62.71", "SMS", "SENT", null, null,
						now)));

		assertThat(status(dispatch)).isEqualTo("SENT");
		assertThat(this.counts.countsFor(broadcast, 1)).containsEntry("sent", 1L).containsEntry("read", 0L);
	}

	@Test
	void aBatchCountedButNotWrittenBeforeACrashIsCountedOnceWhenItComesAgain() {
		String broadcast = UUID.randomUUID().toString();
		List<String> dispatches = List.of(dispatch(broadcast, "QUEUED"), dispatch(broadcast, "QUEUED"),
				dispatch(broadcast, "QUEUED"));
		List<DispatchProgress.StatusChange> batch = dispatches.stream().map((id) -> change(id, "SENT")).toList();

		// the service stops after counting, before writing the dispatches
		this.progress.beforeWrite(() -> {
			throw new IllegalStateException("crash");
		});
		try {
			assertThatThrownBy(() -> this.progress.advanceAll(batch)).hasMessage("crash");
		}
		finally {
			this.progress.beforeWrite(() -> {
			});
		}
		assertThat(dispatches).allSatisfy((id) -> assertThat(status(id)).isEqualTo("QUEUED"));

		assertThat(this.progress.advanceAll(batch)).isEqualTo(3);
		assertThat(dispatches).allSatisfy((id) -> assertThat(status(id)).isEqualTo("SENT"));
		assertThat(this.counts.countsFor(broadcast, 3)).containsEntry("sent", 3L).containsEntry("queued", 0L);
	}

	@Test
	void aBatchWhoseDispatchChangedMeanwhileIsDoneOneByOneWithoutCountingTwice() {
		String broadcast = UUID.randomUUID().toString();
		String changed = dispatch(broadcast, "QUEUED");
		String steady = dispatch(broadcast, "QUEUED");

		// between the batch's read and its write, another event moves one dispatch
		// further
		this.progress.beforeWrite(() -> {
			this.progress.beforeWrite(() -> {
			});
			assertThat(this.progress.advance(changed, DispatchStatus.DELIVERED)).isTrue();
		});
		try {
			this.progress.advanceAll(List.of(change(changed, "SENT"), change(steady, "SENT")));
		}
		finally {
			this.progress.beforeWrite(() -> {
			});
		}

		assertThat(status(changed)).isEqualTo("DELIVERED");
		assertThat(status(steady)).isEqualTo("SENT");
		assertThat(this.counts.countsFor(broadcast, 2)).containsExactlyInAnyOrderEntriesOf(
				Map.ofEntries(Map.entry("queued", 0L), Map.entry("sent", 1L), Map.entry("delivered", 1L),
						Map.entry("read", 0L), Map.entry("failed", 0L), Map.entry("suppressed", 0L),
						Map.entry("cancelled", 0L), Map.entry("expired", 0L), Map.entry("final", 1L)));
	}

	@Test
	void aCountWrittenByAnotherInstanceIsNotOverwritten() {
		String broadcast = UUID.randomUUID().toString();
		String first = dispatch(broadcast, "QUEUED");
		String byOther = dispatch(broadcast, "QUEUED");
		String next = dispatch(broadcast, "QUEUED");
		assertThat(this.progress.advance(first, DispatchStatus.SENT)).isTrue();

		// another instance counts and moves a dispatch of the same broadcast
		this.mongo.getCollection(DispatchCounts.COLLECTION)
			.updateOne(Filters.eq("_id", broadcast),
					new Document("$inc", new Document("sent", 1L).append("version", 1L)).append("$set",
							new Document(DispatchCounts.IN_FLIGHT + "." + byOther, "SENT")));
		dispatches().updateOne(Filters.eq("_id", byOther),
				new Document("$set", new Document("status", "SENT")).append("$inc", new Document("version", 1L)));

		assertThat(this.progress.advance(next, DispatchStatus.SENT)).isTrue();
		assertThat(this.progress.advance(byOther, DispatchStatus.DELIVERED)).isTrue();
		assertThat(this.counts.countsFor(broadcast, 3)).containsEntry("sent", 2L)
			.containsEntry("delivered", 1L)
			.containsEntry("queued", 0L);
	}

	@Test
	void aDroppedRequestIsCountedAsSuppressedOnce() {
		String broadcast = UUID.randomUUID().toString();
		String waiting = dispatch(broadcast, "QUEUED");
		dispatches().updateOne(Filters.eq("_id", waiting),
				new Document("$set", new Document(DispatchErasure.PENDING_EVENTS, List.of(new Document("x", 1)))));
		String published = dispatch(broadcast, "QUEUED");

		assertThat(this.progress.dropUnpublishedRequest(waiting)).isTrue();
		assertThat(this.progress.dropUnpublishedRequest(waiting)).isFalse();
		assertThat(this.progress.dropUnpublishedRequest(published)).isFalse();
		assertThat(this.progress.advance(waiting, DispatchStatus.SENT)).isFalse();

		assertThat(dispatches().find(Filters.eq("_id", waiting)).first())
			.containsEntry(DispatchErasure.PENDING_EVENTS, List.of())
			.containsEntry("status", "SUPPRESSED");
		assertThat(status(published)).isEqualTo("QUEUED");
		assertThat(this.counts.countsFor(broadcast, 2)).containsEntry("suppressed", 1L).containsEntry("queued", 1L);
	}

	@Test
	void anErasureInterruptedMidwayCompletesWhenItComesAgainCountingEachSuppressionOnce() {
		String broadcast = UUID.randomUUID().toString();
		String phoneHash = "hash-" + UUID.randomUUID();
		List<String> waiting = List.of(dispatch(broadcast, "QUEUED"), dispatch(broadcast, "QUEUED"));
		String delivered = dispatch(broadcast, "QUEUED");
		this.progress.advance(delivered, DispatchStatus.DELIVERED);
		for (String dispatch : waiting) {
			dispatches().updateOne(Filters.eq("_id", dispatch),
					new Document("$set",
							new Document(DispatchErasure.PENDING_EVENTS, List.of(new Document("x", 1)))
								.append("phoneHash", phoneHash)
								.append("memberId", "m")));
		}
		dispatches().updateOne(Filters.eq("_id", delivered),
				new Document("$set", new Document("phoneHash", phoneHash).append("memberId", "m")));

		// the first erasure stopped after dropping one request
		this.progress.dropUnpublishedRequest(waiting.get(0));
		assertThat(this.counts.countsFor(broadcast, 3)).containsEntry("suppressed", 1L);

		assertThat(this.erasure.forget(phoneHash)).isEqualTo(3);
		assertThat(this.erasure.forget(phoneHash)).isZero();
		assertThat(waiting).allSatisfy((dispatch) -> assertThat(status(dispatch)).isEqualTo("SUPPRESSED"));
		assertThat(status(delivered)).isEqualTo("DELIVERED");
		assertThat(dispatches().countDocuments(Filters.eq("phoneHash", phoneHash))).isZero();
		assertThat(this.counts.countsFor(broadcast, 3)).containsEntry("suppressed", 2L)
			.containsEntry("delivered", 1L)
			.containsEntry("queued", 0L);
	}

	@Test
	void broadcastsSentBeforeTheCountsWereKeptAreCountedOnceAtStartUp() {
		String broadcast = UUID.randomUUID().toString();
		dispatch(broadcast, "DELIVERED");
		dispatch(broadcast, "DELIVERED");
		dispatch(broadcast, "FAILED");
		dispatch(broadcast, "QUEUED");
		this.mongo.getCollection(DispatchStorage.MIGRATIONS).deleteOne(Filters.eq("_id", DispatchStorage.COUNTS_KEPT));

		this.storage.countStoredDispatches();

		assertThat(this.counts.countsFor(broadcast, 4)).containsEntry("delivered", 2L)
			.containsEntry("failed", 1L)
			.containsEntry("queued", 1L);
		this.progress.advance(dispatch(broadcast, "QUEUED"), DispatchStatus.SENT);
		this.storage.countStoredDispatches();
		assertThat(this.counts.countsFor(broadcast, 5)).as("once")
			.containsEntry("sent", 1L)
			.containsEntry("queued", 1L);
	}

	private static DispatchProgress.StatusChange change(String dispatch, String status) {
		return new DispatchProgress.StatusChange(dispatch, DispatchStatus.valueOf(status));
	}

	private String dispatch(String broadcast, String status) {
		String id = UUID.randomUUID().toString();
		dispatches().insertOne(new Document("_id", id).append("broadcastId", broadcast)
			.append("channel", "SMS")
			.append("kabupaten", "62.71")
			.append("status", status)
			.append("version", 1L)
			.append(DispatchErasure.PENDING_EVENTS, List.of()));
		return id;
	}

	private String status(String dispatch) {
		return dispatches().find(Filters.eq("_id", dispatch)).first().getString("status");
	}

	private Document inFlight(String broadcast) {
		return this.mongo.getCollection(DispatchCounts.COLLECTION)
			.find(Filters.eq("_id", broadcast))
			.first()
			.get(DispatchCounts.IN_FLIGHT, Document.class);
	}

	private MongoCollection<Document> dispatches() {
		return this.mongo.getCollection(Dispatch.COLLECTION);
	}

}
