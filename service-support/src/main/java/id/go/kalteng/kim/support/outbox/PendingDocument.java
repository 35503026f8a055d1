package id.go.kalteng.kim.support.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * One claimed document during a relay round: its pending events in order, which of them
 * went out, which are parked, and whether a passing failure stopped it.
 */
final class PendingDocument {

	/** Failures no retry can cure: the event itself is what the broker refuses. */
	private static final Set<Class<? extends Throwable>> POISON = Set.of(RecordTooLargeException.class,
			RecordBatchTooLargeException.class, InvalidTopicException.class, SerializationException.class,
			InvalidRecordException.class, UnpublishableEvent.class);

	private static final int MAX_ERROR_LENGTH = 500;

	private final Object id;

	private final long version;

	private final List<Document> pending;

	private final String heldBehind;

	private final KafkaTemplate<String, byte[]> kafka;

	private final String source;

	private final List<String> published = new ArrayList<>();

	private final List<Document> parked = new ArrayList<>();

	private int next;

	private String failure;

	PendingDocument(Document doc, KafkaTemplate<String, byte[]> kafka, String source) {
		this.id = doc.get("_id");
		Object stored = doc.get("version");
		this.version = (stored instanceof Number number) ? number.longValue() : 0L;
		List<Document> events = doc.getList(OutboxEvent.FIELD, Document.class);
		this.pending = (events != null) ? events : List.of();
		this.heldBehind = doc.getString(OutboxRelay.HELD);
		this.kafka = kafka;
		this.source = source;
		if (this.heldBehind != null) {
			// an earlier event of this aggregate is parked: the later ones wait behind it
			parkFrom(0, null, this.heldBehind);
		}
	}

	Object id() {
		return this.id;
	}

	/** The version the round read. */
	long version() {
		return this.version;
	}

	List<Document> parked() {
		return this.parked;
	}

	/** The passing failure that stopped this document in this round, if any. */
	String failure() {
		return this.failure;
	}

	boolean hasNext() {
		return this.failure == null && this.parked.isEmpty() && this.next < this.pending.size();
	}

	/** Stops this document for this round, for a passing reason; it is tried later. */
	void stop(String reason) {
		this.failure = reason;
	}

	/** Sends the next pending event; it is settled when the broker answers. */
	InFlight sendNext() {
		Document raw = this.pending.get(this.next);
		OutboxEvent event = null;
		CompletableFuture<?> sent;
		try {
			event = OutboxEvent.fromDocument(raw);
			sent = this.kafka.send(CloudEventRecords.toRecord(event, this.source));
		}
		catch (IllegalArgumentException | NullPointerException | ClassCastException ex) {
			sent = CompletableFuture.failedFuture(new UnpublishableEvent(ex));
		}
		catch (RuntimeException ex) {
			sent = CompletableFuture.failedFuture(ex);
		}
		return new InFlight(this, event, sent);
	}

	private void settle(Throwable error) {
		Document raw = this.pending.get(this.next);
		if (error == null) {
			this.published.add(raw.getString("id"));
			this.next++;
			return;
		}
		Throwable poison = poisonIn(error);
		if (poison != null) {
			parkFrom(this.next, describe(poison), null);
		}
		else {
			this.failure = describe(rootCause(error));
		}
	}

	/** Parks the event at {@code from} with its error, and every later one behind it. */
	private void parkFrom(int from, String error, String behind) {
		Date now = new Date();
		String first = (behind != null) ? behind : this.pending.get(from).getString("id");
		for (int i = from; i < this.pending.size(); i++) {
			Document entry = new Document(this.pending.get(i)).append("parkedAt", now);
			if (i == from && error != null) {
				entry.append("error", error);
			}
			else {
				entry.append("heldBehind", first);
			}
			this.parked.add(entry);
		}
	}

	/**
	 * The write that settles this document. When every pending event went out or was
	 * parked it is a compare-and-set on the version the round read ({@code {_id,
	 * version}}, so a save in between makes it match nothing): the pending list and
	 * marker go, parked events are kept and hold the aggregate. After a passing failure
	 * only what went out is pulled, by {@code _id}; the rest stays pending.
	 */
	Clearing clearing() {
		if (this.failure != null) {
			return new Clearing(this.published.isEmpty() ? null : pullDone(), false);
		}
		List<Bson> updates = new ArrayList<>();
		updates.add(Updates.set(OutboxEvent.FIELD, List.of()));
		updates.add(Updates.unset(OutboxRelay.PENDING_SINCE));
		updates.addAll(parking());
		Document ours = new Document("_id", this.id).append("version", this.version);
		return new Clearing(new UpdateOneModel<>(ours, Updates.combine(updates)), true);
	}

	/**
	 * The settling write when a compare-and-set found the document changed: pulls only
	 * what went out or was parked, by {@code _id}, leaving newer events pending.
	 */
	WriteModel<Document> clearingByIdOnly() {
		return pullDone();
	}

	private UpdateOneModel<Document> pullDone() {
		List<String> done = new ArrayList<>(this.published);
		this.parked.forEach((entry) -> done.add(entry.getString("id")));
		List<Bson> updates = new ArrayList<>();
		updates.add(Updates.pull(OutboxEvent.FIELD, Filters.in("id", done)));
		updates.addAll(parking());
		return new UpdateOneModel<>(Filters.eq("_id", this.id), Updates.combine(updates));
	}

	private List<Bson> parking() {
		if (this.parked.isEmpty()) {
			return List.of();
		}
		List<Bson> updates = new ArrayList<>();
		updates.add(Updates.pushEach(OutboxRelay.PARKED, this.parked));
		if (this.heldBehind == null) {
			updates.add(Updates.set(OutboxRelay.HELD, this.parked.get(0).getString("id")));
		}
		return updates;
	}

	/**
	 * How a round settles a document.
	 *
	 * @param write the write, or null when there is nothing to write
	 * @param compareAndSet whether it matches only the version the round read
	 */
	record Clearing(WriteModel<Document> write, boolean compareAndSet) {

	}

	private static Throwable poisonIn(Throwable error) {
		for (Throwable cause = error; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			for (Class<? extends Throwable> type : POISON) {
				if (type.isInstance(cause)) {
					return cause;
				}
			}
		}
		return null;
	}

	private static Throwable rootCause(Throwable error) {
		Throwable cause = error;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static String describe(Throwable cause) {
		String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
		return (text.length() > MAX_ERROR_LENGTH) ? text.substring(0, MAX_ERROR_LENGTH) : text;
	}

	/** A send on its way; {@link #await} settles it on its document. */
	record InFlight(PendingDocument document, OutboxEvent event, CompletableFuture<?> sent) {

		/**
		 * The reason when the send failed at once and not because of the event.
		 * @return the reason, or null
		 */
		String failedAtOnceForAPassingReason() {
			if (!this.sent.isCompletedExceptionally()) {
				return null;
			}
			try {
				this.sent.getNow(null);
				return null;
			}
			catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException ex) {
				Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
				return (poisonIn(cause) != null) ? null : describe(rootCause(cause));
			}
		}

		/**
		 * Waits for the broker's answer until the deadline.
		 * @return whether the event went out
		 */
		boolean await(Instant deadline) {
			try {
				long millis = Math.max(1, deadline.toEpochMilli() - System.currentTimeMillis());
				this.sent.get(millis, TimeUnit.MILLISECONDS);
				this.document.settle(null);
				return true;
			}
			catch (ExecutionException ex) {
				this.document.settle(ex.getCause());
			}
			catch (TimeoutException ex) {
				this.document.settle(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.document.settle(ex);
			}
			return false;
		}

	}

	/** A stored event that cannot even be turned into a record. */
	static final class UnpublishableEvent extends RuntimeException {

		UnpublishableEvent(Throwable cause) {
			super(cause.toString(), cause);
		}

	}

}
