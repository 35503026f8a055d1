package id.go.kalteng.kim.support.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import id.go.kalteng.kim.contracts.KimEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes events straight to Kafka, without waiting in an outbox document, for work
 * that is redone whole from durable state when it fails and whose events are idempotent
 * by their own key downstream. A broadcast's fan-out is that kind of work: its approval
 * is consumed again until the fan-out completes, each request's notification id is
 * derived from the broadcast, the phone and the channel, and notification-service keeps
 * one notification per id. What it saves is the outbox's per-event cost: a document write
 * with the event, a relay round and a second write to clear it.
 * <p>
 * Records are the outbox's records (CloudEvents binary mode, same producer, acks=all,
 * idempotent) with an event id the caller derives, so a redo publishes the same ids.
 * Nothing is certain until {@link Sending#awaitAll} has returned.
 */
public class DirectEvents {

	private final KafkaTemplate<String, byte[]> kafka;

	private final OutboxEvents events;

	private final String source;

	private final Counter published;

	public DirectEvents(KafkaTemplate<String, byte[]> kafka, OutboxEvents events, String source, MeterRegistry meters) {
		this.kafka = kafka;
		this.events = events;
		this.source = source;
		this.published = Counter.builder("kim.events.published.direct")
			.description("events published straight to Kafka, without an outbox document")
			.register(meters);
	}

	/** Starts a set of sends to await together. */
	public Sending sending() {
		return new Sending();
	}

	/**
	 * Sends begun together; not thread-safe. Sends the broker has acknowledged are
	 * dropped as it goes (every {@value #PRUNE_AT} sends), so that a fan-out to 100,000
	 * holds only the sends still under way, not every record and its result (which took
	 * dissemination-service past its heap); a failed one is kept for {@link #awaitAll}.
	 */
	public final class Sending {

		private static final int PRUNE_AT = 1_000;

		private final List<CompletableFuture<SendResult<String, byte[]>>> inFlight = new ArrayList<>();

		private int acknowledged;

		private int sinceLastPrune;

		private Sending() {
		}

		/**
		 * Hands one event to the producer (returns at once; the producer batches).
		 * @param event the event
		 * @param eventId its CloudEvents id, the same each time the work is redone
		 * @throws IllegalStateException at once when the producer cannot take it (no
		 * broker answered within its {@code max.block.ms}), with the producer's exception
		 * as the cause, so that work stops at the first event rather than blocking on
		 * every one
		 */
		public void send(KimEvent event, String eventId) {
			send(event, eventId, null);
		}

		/**
		 * As {@link #send(KimEvent, String)}, to a topic other than the event type's own
		 * (e.g. URGENT notification requests to their own topic).
		 * @param event the event
		 * @param eventId its CloudEvents id
		 * @param topic the topic; null for the event type's
		 */
		public void send(KimEvent event, String eventId, String topic) {
			OutboxEvent typed = DirectEvents.this.events.toOutbox(event, eventId);
			OutboxEvent entry = (topic == null || topic.equals(typed.topic())) ? typed : new OutboxEvent(typed.id(),
					typed.type(), topic, typed.key(), typed.kabupaten(), typed.time(), typed.data());
			try {
				this.inFlight
					.add(DirectEvents.this.kafka.send(CloudEventRecords.toRecord(entry, DirectEvents.this.source)));
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("the producer did not take an event: " + ex.getMessage(), ex);
			}
			// every PRUNE_AT sends, not on each send once PRUNE_AT are held: while the
			// broker lags behind, every send would scan the whole list again
			if (++this.sinceLastPrune >= PRUNE_AT) {
				this.sinceLastPrune = 0;
				int before = this.inFlight.size();
				this.inFlight.removeIf((send) -> send.isDone() && !send.isCompletedExceptionally());
				this.acknowledged += before - this.inFlight.size();
			}
		}

		/** How many events were handed to the producer so far. */
		public int count() {
			return this.acknowledged + this.inFlight.size();
		}

		/** How many sends are held: not acknowledged yet, or failed (tests). */
		int held() {
			return this.inFlight.size();
		}

		/**
		 * Waits until the broker has acknowledged every event sent.
		 * @param timeout how long to wait at most, in all
		 * @throws IllegalStateException when a send failed or the time ran out; its cause
		 * is the producer's own exception (a Kafka {@code RetriableException} such as a
		 * timeout, when the broker was away), so a consumer's retry policy can tell a
		 * passing failure from a lasting one
		 */
		public void awaitAll(Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			try {
				for (CompletableFuture<SendResult<String, byte[]>> send : this.inFlight) {
					send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				}
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("an event was not published: " + ex.getCause().getMessage(),
						ex.getCause());
			}
			catch (TimeoutException ex) {
				throw new IllegalStateException("events not acknowledged within " + timeout, ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for the broker", ex);
			}
			DirectEvents.this.published.increment(count());
			this.inFlight.clear();
			this.acknowledged = 0;
			this.sinceLastPrune = 0;
		}

	}

}
