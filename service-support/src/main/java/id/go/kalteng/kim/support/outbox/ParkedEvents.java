package id.go.kalteng.kim.support.outbox;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * What an operator sees of the outbox and may do about it: the events the relay parked,
 * how many documents still have pending events, and a retry that puts an aggregate's
 * parked events back in front of its pending ones, in their order (after the cause was
 * fixed, e.g. a larger {@code max.request.size}).
 */
public class ParkedEvents {

	private static final int RETRY_ATTEMPTS = 5;

	private final MongoTemplate mongo;

	private final OutboxRelay relay;

	public ParkedEvents(MongoTemplate mongo, OutboxRelay relay) {
		this.mongo = mongo;
		this.relay = relay;
	}

	/** Every parked event, by collection and aggregate, oldest first per aggregate. */
	public List<ParkedEvent> list() {
		List<ParkedEvent> parked = new ArrayList<>();
		for (String name : this.relay.collections()) {
			for (Document doc : this.mongo.getCollection(name)
				.find(Filters.exists(OutboxRelay.HELD))
				.projection(Projections.include(OutboxRelay.PARKED))) {
				for (Document entry : doc.getList(OutboxRelay.PARKED, Document.class, List.of())) {
					parked.add(new ParkedEvent(name, String.valueOf(doc.get("_id")), entry.getString("id"),
							entry.getString("type"), entry.getString("topic"), instant(entry.getDate("time")),
							instant(entry.getDate("parkedAt")), entry.getString("error"),
							entry.getString("heldBehind")));
				}
			}
		}
		return parked;
	}

	/** How many documents of each collection have events waiting to be published. */
	public Map<String, Long> pendingDocuments() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String name : this.relay.collections()) {
			counts.put(name, this.mongo.getCollection(name).countDocuments(Filters.exists(OutboxRelay.PENDING_SINCE)));
		}
		return counts;
	}

	/**
	 * Puts an aggregate's parked events back in front of its pending ones, so the relay
	 * tries them again in order; if the broker still refuses, they are parked again.
	 * @return how many events were put back (0 when none was parked)
	 * @throws IllegalArgumentException when the collection holds no aggregates
	 * @throws IllegalStateException when a relay is busy with the aggregate right now
	 */
	public int retry(String collection, String aggregateId) {
		if (!this.relay.collections().contains(collection)) {
			throw new IllegalArgumentException("no aggregates in collection " + collection);
		}
		MongoCollection<Document> documents = this.mongo.getCollection(collection);
		for (int attempt = 0; attempt < RETRY_ATTEMPTS; attempt++) {
			Document doc = documents.find(Filters.eq("_id", aggregateId))
				.projection(Projections.include(OutboxRelay.PARKED, OutboxEvent.FIELD))
				.first();
			List<Document> parked = (doc != null) ? doc.getList(OutboxRelay.PARKED, Document.class, List.of())
					: List.of();
			if (parked.isEmpty()) {
				return 0;
			}
			List<Document> pending = doc.getList(OutboxEvent.FIELD, Document.class, List.of());
			List<Document> requeued = new ArrayList<>();
			parked.forEach((entry) -> {
				Document event = new Document(entry);
				event.remove("parkedAt");
				event.remove("error");
				event.remove("heldBehind");
				requeued.add(event);
			});
			requeued.addAll(pending);
			Date since = parked.get(0).getDate("time");
			if (claimed(collection, aggregateId)) {
				continue;
			}
			// the sizes change with every write of the relay or a save: a concurrent one
			// makes this attempt match nothing; the version grows, so a relay round that
			// read the document before clears only what it published
			if (documents
				.updateOne(
						Filters.and(Filters.eq("_id", aggregateId), Filters.size(OutboxRelay.PARKED, parked.size()),
								Filters.size(OutboxEvent.FIELD, pending.size())),
						Updates.combine(Updates.set(OutboxEvent.FIELD, requeued), Updates.unset(OutboxRelay.PARKED),
								Updates.unset(OutboxRelay.HELD), Updates.inc("version", 1L),
								Updates.min(OutboxRelay.PENDING_SINCE, (since != null) ? since : new Date())))
				.getModifiedCount() > 0) {
				this.relay.pending(collection, List.of(aggregateId));
				return parked.size();
			}
		}
		throw new IllegalStateException("the outbox of " + aggregateId + " is being published right now; retry");
	}

	/** Whether a relay holds a live claim on the aggregate right now. */
	private boolean claimed(String collection, String aggregateId) {
		Document lease = this.mongo.getCollection(OutboxRelay.LEASES)
			.find(Filters.eq("_id", OutboxRelay.leaseId(collection, aggregateId)))
			.first();
		return lease != null && lease.getDate("until") != null && lease.getDate("until").after(new Date());
	}

	private static java.time.Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
