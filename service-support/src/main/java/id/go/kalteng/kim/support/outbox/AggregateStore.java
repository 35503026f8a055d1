package id.go.kalteng.kim.support.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.result.UpdateResult;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.Versions;
import id.go.kalteng.kim.support.messaging.InboundEvent;
import id.go.kalteng.kim.support.storage.UnorderedInserts;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.mapping.PropertyHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;

/**
 * Saves aggregates together with the events they recorded, in one single-document write:
 * the transactional outbox without multi-document transactions. A new aggregate is
 * inserted; an existing one is updated only if nobody saved it since it was read (its
 * version), and its new events are appended to the pending list that {@link OutboxRelay}
 * publishes and then clears.
 */
public class AggregateStore {

	private static final int CHANGE_ATTEMPTS = 5;

	private static final int OUTAGE_ATTEMPTS = 6;

	/**
	 * The receipts of the consumed events that changed an aggregate (see
	 * {@link #changeOnce}).
	 */
	static final String RECEIPTS = "processedEventIds";

	/**
	 * Enough to cover the events that can come again: only the one being handled when a
	 * consumer stopped, since later ones of its partition wait behind it.
	 */
	static final int RECEIPTS_KEPT = 50;

	private final MongoTemplate mongo;

	private final OutboxEvents outboxEvents;

	private final OutboxRelay relay;

	public AggregateStore(MongoTemplate mongo, OutboxEvents outboxEvents, OutboxRelay relay) {
		this.mongo = mongo;
		this.outboxEvents = outboxEvents;
		this.relay = relay;
	}

	/** Loads an aggregate by id. */
	public <T extends AggregateRoot> Optional<T> findById(String id, Class<T> type) {
		return Optional.ofNullable(this.mongo.findById(id, type));
	}

	/**
	 * Stores a new aggregate; when its id exists already (a create repeated with the same
	 * {@code Idempotency-Key}, whose id derives from the key) answers the stored one.
	 * @param existing loads the stored one (and checks the caller may see it)
	 */
	public <A extends AggregateRoot> A insertOrGet(A aggregate, Supplier<A> existing) {
		try {
			return save(aggregate);
		}
		catch (DuplicateKeyException ex) {
			return existing.get();
		}
	}

	/**
	 * Loads an aggregate, applies a change and saves it. Without {@code If-Match} a
	 * concurrent write is answered by loading again and re-applying the change (the
	 * aggregate checks its rules against the fresh state); with one, it is 412.
	 * @param load loads the aggregate (and checks the caller may see it)
	 * @param ifMatch the ETag the caller read, or null
	 * @param change the change; what it returns is returned
	 * @throws DomainException 412 when {@code ifMatch} is stale, 409
	 * {@code concurrent-change} when others keep winning
	 */
	public <A extends AggregateRoot, R> R change(Supplier<A> load, String ifMatch, Function<A, R> change) {
		for (int attempt = 1;; attempt++) {
			A aggregate = load.get();
			Versions.requireMatch(ifMatch, aggregate.getVersion());
			R result = change.apply(aggregate);
			if (saved(aggregate, ifMatch, attempt)) {
				return result;
			}
		}
	}

	/**
	 * As {@link #change}, for a change that may turn out to change nothing (an edit to
	 * the values the aggregate already has): then nothing is saved and the version (the
	 * ETag) stays.
	 * @param load loads the aggregate (and checks the caller may see it)
	 * @param ifMatch the ETag the caller read, or null
	 * @param change applies the change; false when it changed nothing
	 * @return the aggregate, saved when it changed
	 */
	public <A extends AggregateRoot> A changeIfChanged(Supplier<A> load, String ifMatch, Predicate<A> change) {
		for (int attempt = 1;; attempt++) {
			A aggregate = load.get();
			Versions.requireMatch(ifMatch, aggregate.getVersion());
			if (!change.test(aggregate) || saved(aggregate, ifMatch, attempt)) {
				return aggregate;
			}
		}
	}

	/** Saves a changed aggregate; false when a concurrent write means loading again. */
	private boolean saved(AggregateRoot aggregate, String ifMatch, int attempt) {
		try {
			save(aggregate);
			return true;
		}
		catch (OptimisticLockingFailureException ex) {
			if (ifMatch != null) {
				throw DomainException.staleVersion("it changed while this request was applied; read it again");
			}
			if (attempt >= CHANGE_ATTEMPTS) {
				throw DomainException.ruleViolated("concurrent-change", "it is being changed by others; retry");
			}
			return false;
		}
	}

	/**
	 * Applies a change on behalf of the system (an event consumer) to an aggregate that
	 * may not exist, re-applying it on a concurrent write.
	 * @param change the change; false when it changed nothing (nothing is saved)
	 * @return whether the aggregate exists and was changed
	 */
	public <A extends AggregateRoot> boolean changeIfPresent(String id, Class<A> type, Predicate<A> change) {
		for (int attempt = 1;; attempt++) {
			A aggregate = this.mongo.findById(id, type);
			if (aggregate == null || !change.test(aggregate)) {
				return false;
			}
			try {
				save(aggregate);
				return true;
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt >= CHANGE_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Applies a change on behalf of the system to an aggregate, creating it first when it
	 * does not exist; re-applied on a concurrent write, also when another writer created
	 * the same id first.
	 * @param create the aggregate as it is before anything happened to it (only saved
	 * when the change changes it)
	 * @param change the change; false when it changed nothing (nothing is saved)
	 * @return whether it was changed
	 */
	public <A extends AggregateRoot> boolean changeOrCreate(String id, Class<A> type, Supplier<A> create,
			Predicate<A> change) {
		for (int attempt = 1;; attempt++) {
			A aggregate = findById(id, type).orElseGet(create);
			if (!change.test(aggregate)) {
				return false;
			}
			try {
				save(aggregate);
				return true;
			}
			catch (OptimisticLockingFailureException | DuplicateKeyException ex) {
				if (attempt >= CHANGE_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Runs a load → change → save again when the database fails on the way (a dropped
	 * connection, a timeout, a fail-over, or others that kept winning the race): for a
	 * change that records something already done outside and would otherwise be lost,
	 * such as a message a provider took. At most {@value #OUTAGE_ATTEMPTS} runs, waiting
	 * from 20 ms, doubling up to 2 s, with jitter; anything else fails at once.
	 * @param loadChangeSave e.g. a {@link #changeIfPresent}
	 */
	public <R> R outlastingOutages(Supplier<R> loadChangeSave) {
		long wait = 20;
		for (int attempt = 1;; attempt++) {
			try {
				return loadChangeSave.get();
			}
			catch (RuntimeException ex) {
				if (attempt >= OUTAGE_ATTEMPTS || !isOutage(ex)) {
					throw ex;
				}
			}
			pause(wait + ThreadLocalRandom.current().nextLong(wait / 2 + 1));
			wait = Math.min(wait * 2, 2000);
		}
	}

	static boolean isOutage(Throwable ex) {
		return ex instanceof TransientDataAccessException || ex instanceof DuplicateKeyException
				|| ex instanceof DataAccessResourceFailureException || ex instanceof MongoSocketException
				|| ex instanceof MongoTimeoutException;
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting to retry", ex);
		}
	}

	/**
	 * Applies a change caused by a consumed event to an aggregate once, even when the
	 * event comes again after a crash between the change and the consumer's
	 * {@code processed_events} record: the event's receipt is written in the same
	 * single-document update as the change (the aggregate keeps the last
	 * {@value #RECEIPTS_KEPT} receipts), and an aggregate that holds it is not changed
	 * again. For handlers whose effect is not idempotent by itself.
	 * @param event the consumed event, as the {@code EventDispatcher} hands it to a
	 * handler
	 * @param change the change; false when it changed nothing (nothing is saved)
	 * @return whether the aggregate exists, had not seen the event, and was changed
	 */
	public <A extends AggregateRoot> boolean changeOnce(InboundEvent event, String id, Class<A> type,
			Predicate<A> change) {
		String receipt = event.receipt();
		MongoCollection<Document> collection = this.mongo.getCollection(this.mongo.getCollectionName(type));
		for (int attempt = 1;; attempt++) {
			Document stored = collection.find(Filters.eq("_id", id)).first();
			if (stored == null || stored.getList(RECEIPTS, String.class, List.of()).contains(receipt)) {
				return false;
			}
			A aggregate = this.mongo.getConverter().read(type, stored);
			if (!change.test(aggregate)) {
				return false;
			}
			try {
				save(aggregate, receipt);
				return true;
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt >= CHANGE_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Stores a change and its events atomically.
	 * @throws DuplicateKeyException when a new aggregate's id already exists
	 * @throws OptimisticLockingFailureException when the aggregate was saved by someone
	 * else since it was read
	 */
	public <T extends AggregateRoot> T save(T aggregate) {
		return save(aggregate, null);
	}

	private <T extends AggregateRoot> T save(T aggregate, String receipt) {
		MongoCollection<Document> collection = this.mongo
			.getCollection(this.mongo.getCollectionName(aggregate.getClass()));
		Document state = stateOf(aggregate);
		List<Document> events = pendingOf(aggregate);
		long expected = aggregate.getVersion();
		if (expected == 0) {
			state.append("version", 1L).append(OutboxEvent.FIELD, events);
			markPending(state, events);
			try {
				collection.insertOne(state);
			}
			catch (com.mongodb.MongoWriteException ex) {
				if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
					throw new DuplicateKeyException("aggregate " + aggregate.getId() + " already exists", ex);
				}
				throw ex;
			}
		}
		else {
			// exactly {_id, version}: the MongoDB-wire server serves only a query of an
			// index's exact fields from it (OutboxRelay.VERSION_INDEX), anything else by
			// a scan
			UpdateResult result = collection.updateOne(
					new Document("_id", aggregate.getId()).append("version", expected),
					updateOf(state, absentFields(aggregate, state), events, receipt));
			if (result.getMatchedCount() == 0) {
				throw new OptimisticLockingFailureException(
						"aggregate " + aggregate.getId() + " changed since version " + expected);
			}
		}
		aggregate.setVersion(expected + 1);
		aggregate.clearRecordedEvents();
		if (!events.isEmpty()) {
			this.relay.pending(collection.getNamespace().getCollectionName(), List.of(aggregate.getId()),
					aggregate.publishesFirst());
		}
		return aggregate;
	}

	/**
	 * Saves many changed aggregates (each stored before) with their events in one
	 * unordered bulk write, each by {@code _id} and its version as {@link #save} does:
	 * for a change applied to many at once (an operator cancelling thousands of
	 * messages), where a round trip each would take minutes. A write whose aggregate
	 * changed since it was read does nothing; the database does not say which, so when
	 * fewer than all were saved the caller loads them again (by {@code _id $in}) and
	 * re-applies its change where it is still due. The copies in hand are spent either
	 * way.
	 * @return how many were saved
	 */
	public <T extends AggregateRoot> int saveAll(List<T> aggregates) {
		if (aggregates.isEmpty()) {
			return 0;
		}
		MongoCollection<Document> collection = this.mongo
			.getCollection(this.mongo.getCollectionName(aggregates.get(0).getClass()));
		List<WriteModel<Document>> writes = new ArrayList<>(aggregates.size());
		List<Object> first = new ArrayList<>();
		List<Object> ordinary = new ArrayList<>();
		for (T aggregate : aggregates) {
			Document state = stateOf(aggregate);
			List<Document> events = pendingOf(aggregate);
			// exactly {_id, version}, as in save
			writes.add(new UpdateOneModel<>(
					new Document("_id", aggregate.getId()).append("version", aggregate.getVersion()),
					updateOf(state, absentFields(aggregate, state), events, null)));
			if (!events.isEmpty()) {
				(aggregate.publishesFirst() ? first : ordinary).add(aggregate.getId());
			}
		}
		int saved = collection.bulkWrite(writes, new BulkWriteOptions().ordered(false)).getMatchedCount();
		String name = collection.getNamespace().getCollectionName();
		// a hint only: the relay publishes what it finds pending
		this.relay.pending(name, first, true);
		this.relay.pending(name, ordinary, false);
		return saved;
	}

	/**
	 * Inserts many new aggregates in one batch, skipping those whose id already exists,
	 * so a repeated batch (after a crash or redelivery) adds only what is missing.
	 * @return how many were inserted
	 */
	public <T extends AggregateRoot> int insertAllIgnoringExisting(List<T> aggregates) {
		if (aggregates.isEmpty()) {
			return 0;
		}
		MongoCollection<Document> collection = this.mongo
			.getCollection(this.mongo.getCollectionName(aggregates.get(0).getClass()));
		List<Document> docs = new ArrayList<>(aggregates.size());
		for (T aggregate : aggregates) {
			List<Document> events = pendingOf(aggregate);
			Document doc = stateOf(aggregate).append("version", 1L).append(OutboxEvent.FIELD, events);
			markPending(doc, events);
			docs.add(doc);
		}
		// no look-up first: the insert itself tells which ids existed (a repeated batch,
		// or
		// a concurrent one that inserted some of them first); those are not ours to count
		Set<Integer> existing = UnorderedInserts.insertSkippingExisting(collection, docs);
		int inserted = docs.size() - existing.size();
		List<Object> first = new ArrayList<>();
		List<Object> ordinary = new ArrayList<>();
		for (int i = 0; i < aggregates.size(); i++) {
			T aggregate = aggregates.get(i);
			if (!existing.contains(i) && docs.get(i).containsKey(OutboxRelay.PENDING_SINCE)) {
				(aggregate.publishesFirst() ? first : ordinary).add(aggregate.getId());
			}
			aggregate.setVersion(1);
			aggregate.clearRecordedEvents();
		}
		String name = collection.getNamespace().getCollectionName();
		this.relay.pending(name, first, true);
		this.relay.pending(name, ordinary, false);
		return inserted;
	}

	private Document stateOf(AggregateRoot aggregate) {
		Document state = new Document();
		this.mongo.getConverter().write(aggregate, state);
		state.remove("version");
		state.remove(OutboxEvent.FIELD);
		return state;
	}

	/**
	 * A new document with events gets the relay's pending marker: the time of its oldest
	 * event.
	 */
	private static void markPending(Document doc, List<Document> events) {
		if (!events.isEmpty()) {
			doc.append(OutboxRelay.PENDING_SINCE, events.get(0).getDate("time"));
		}
	}

	private List<Document> pendingOf(AggregateRoot aggregate) {
		return aggregate.recordedEvents()
			.stream()
			.map(this.outboxEvents::toOutbox)
			.map(OutboxEvent::toDocument)
			.toList();
	}

	/**
	 * Fields of the aggregate that are null now; the converter omits them, the update
	 * unsets them.
	 */
	private List<String> absentFields(AggregateRoot aggregate, Document state) {
		List<String> absent = new ArrayList<>();
		MongoPersistentEntity<?> entity = this.mongo.getConverter()
			.getMappingContext()
			.getRequiredPersistentEntity(aggregate.getClass());
		entity.doWithProperties((PropertyHandler<MongoPersistentProperty>) (property) -> {
			String field = property.getFieldName();
			if (!state.containsKey(field) && !"version".equals(field) && !property.isTransient()) {
				absent.add(field);
			}
		});
		return absent;
	}

	private static Bson updateOf(Document state, List<String> absent, List<Document> events, String receipt) {
		List<Bson> updates = new ArrayList<>();
		state.forEach((field, value) -> {
			if (!"_id".equals(field)) {
				updates.add(Updates.set(field, value));
			}
		});
		absent.forEach((field) -> updates.add(Updates.unset(field)));
		updates.add(Updates.inc("version", 1L));
		if (!events.isEmpty()) {
			updates.add(Updates.pushEach(OutboxEvent.FIELD, events));
			// keeps the time of the oldest event still pending, or starts the marker
			updates.add(Updates.min(OutboxRelay.PENDING_SINCE, events.get(0).getDate("time")));
		}
		if (receipt != null) {
			updates.add(Updates.pushEach(RECEIPTS, List.of(receipt), new PushOptions().slice(-RECEIPTS_KEPT)));
		}
		return Updates.combine(updates);
	}

}
