package id.go.kalteng.kim.stream.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import id.go.kalteng.kim.support.storage.UnorderedInserts;
import org.bson.Document;
import org.bson.conversions.Bson;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The deliveries, their persisted schedule and their log, all touched by {@code _id} only
 * and in batches.
 * <p>
 * A delivery is one event for one subscription ({@code _id}
 * {@code <subscription>/<event id>}). The schedule is a timing wheel: one document per
 * slot of {@code bucket} seconds ({@code _id} = the slot's number) listing the deliveries
 * due in it, so the sweep reads the slots of the last minutes by {@code _id $in} instead
 * of querying deliveries by time. A slot keeps an id until the sweep has handled it; an
 * id found in a slot while its delivery is done or due in a later slot is only taken out.
 * A retry is put in its new slot before the delivery records it, so a pending delivery is
 * always listed in the slot of its next attempt. The log keeps every attempt per
 * subscription and day ({@code _id} {@code <subscription>/<date>}).
 */
public class WebhookDeliveries {

	static final String DELIVERIES = "webhook_deliveries";

	static final String SCHEDULE = "webhook_schedule";

	static final String LOG = "webhook_delivery_log";

	/** Slots the sweep looks back over; older ones are caught up by a slow scan. */
	static final int WINDOW = 120;

	/** Attempts kept in the log per subscription and day. */
	static final int LOG_LIMIT = 2_000;

	private final MongoTemplate mongo;

	private final Clock clock;

	private final long bucketSeconds;

	public WebhookDeliveries(MongoTemplate mongo, Clock clock, WebhookProperties properties) {
		this.mongo = mongo;
		this.clock = clock;
		this.bucketSeconds = Math.max(1, properties.bucket().toSeconds());
	}

	/** A new delivery document, due now. */
	public static Document delivery(String id, WebhookSubscription subscription, String eventId, String type,
			String body, Instant now) {
		return new Document("_id", id).append("subscriptionId", subscription.id())
			.append("eventId", eventId)
			.append("type", type)
			.append("body", body)
			.append("status", "PENDING")
			.append("attempts", 0)
			.append("nextAttemptAt", Date.from(now))
			.append("createdAt", Date.from(now));
	}

	/**
	 * Stores new deliveries and schedules them now; a delivery stored before (a batch
	 * handed over again) is scheduled again, which the sweep ignores if it is not due.
	 */
	public void create(List<Document> deliveries) {
		if (deliveries.isEmpty()) {
			return;
		}
		UnorderedInserts.insertSkippingExisting(collection(DELIVERIES), deliveries);
		Instant now = this.clock.instant();
		Map<String, Instant> due = new LinkedHashMap<>();
		deliveries.forEach((delivery) -> due.put(delivery.getString("_id"), now));
		schedule(due);
	}

	/** Puts deliveries into the slots of the given times. */
	public void schedule(Map<String, Instant> due) {
		Map<Long, List<String>> slots = new HashMap<>();
		due.forEach((id, at) -> slots.computeIfAbsent(slotOf(at), (slot) -> new ArrayList<>()).add(id));
		List<WriteModel<Document>> writes = new ArrayList<>();
		slots.forEach((slot, ids) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", slot),
				Updates.addEachToSet("ids", ids), new UpdateOptions().upsert(true))));
		if (!writes.isEmpty()) {
			collection(SCHEDULE).bulkWrite(writes, new BulkWriteOptions().ordered(false));
		}
	}

	/** The deliveries in the slots up to now, and which slot listed each. */
	public Due due() {
		Instant now = this.clock.instant();
		long current = slotOf(now);
		List<Long> slots = new ArrayList<>();
		for (long slot = current - WINDOW; slot <= current; slot++) {
			slots.add(slot);
		}
		Map<String, Long> listedIn = new LinkedHashMap<>();
		for (Document slot : collection(SCHEDULE).find(Filters.in("_id", slots))) {
			long number = slot.getLong("_id");
			slot.getList("ids", String.class, List.of()).forEach((id) -> listedIn.putIfAbsent(id, number));
		}
		List<Document> due = new ArrayList<>();
		List<String> notDue = new ArrayList<>();
		for (List<String> chunk : chunks(new ArrayList<>(listedIn.keySet()), 1_000)) {
			Map<String, Document> found = new HashMap<>();
			collection(DELIVERIES).find(Filters.in("_id", chunk))
				.forEach((delivery) -> found.put(delivery.getString("_id"), delivery));
			for (String id : chunk) {
				Document delivery = found.get(id);
				boolean pending = delivery != null && "PENDING".equals(delivery.getString("status"));
				Instant next = pending ? delivery.getDate("nextAttemptAt").toInstant() : null;
				if (pending && !next.isAfter(now)) {
					due.add(delivery);
				}
				else if (!pending || slotOf(next) != listedIn.get(id)) {
					// done, or moved to a later slot (which lists it too)
					notDue.add(id);
				}
			}
		}
		return new Due(due, listedIn, notDue);
	}

	/** Takes handled ids out of the slots that listed them. */
	public void unschedule(Map<String, Long> listedIn, Collection<String> ids) {
		Map<Long, List<String>> slots = new HashMap<>();
		ids.forEach((id) -> {
			Long slot = listedIn.get(id);
			if (slot != null) {
				slots.computeIfAbsent(slot, (s) -> new ArrayList<>()).add(id);
			}
		});
		List<WriteModel<Document>> writes = new ArrayList<>();
		slots.forEach((slot, list) -> writes
			.add(new UpdateOneModel<>(Filters.eq("_id", slot), Updates.pullAll("ids", list))));
		if (!writes.isEmpty()) {
			collection(SCHEDULE).bulkWrite(writes, new BulkWriteOptions().ordered(false));
		}
	}

	/** Writes the outcomes of attempts: each delivery by {@code _id}, and the log. */
	public void record(List<Attempt> attempts) {
		if (attempts.isEmpty()) {
			return;
		}
		List<WriteModel<Document>> deliveries = new ArrayList<>();
		Map<String, List<Document>> logs = new LinkedHashMap<>();
		for (Attempt attempt : attempts) {
			List<Bson> updates = new ArrayList<>(List.of(Updates.set("status", attempt.status()),
					Updates.set("attempts", attempt.number()), Updates.set("lastAttemptAt", Date.from(attempt.at())),
					Updates.set("lastResponse", attempt.response()), Updates.set("lastError", attempt.error())));
			if (attempt.nextAt() != null) {
				updates.add(Updates.set("nextAttemptAt", Date.from(attempt.nextAt())));
			}
			deliveries.add(new UpdateOneModel<>(Filters.eq("_id", attempt.deliveryId()), Updates.combine(updates)));
			String day = LocalDate.ofInstant(attempt.at(), ZoneOffset.UTC).toString();
			logs.computeIfAbsent(attempt.subscriptionId() + "/" + day, (key) -> new ArrayList<>())
				.add(new Document("at", Date.from(attempt.at())).append("deliveryId", attempt.deliveryId())
					.append("eventId", attempt.eventId())
					.append("attempt", attempt.number())
					.append("status", attempt.status())
					.append("response", attempt.response())
					.append("error", attempt.error())
					.append("nextAttemptAt", (attempt.nextAt() != null) ? Date.from(attempt.nextAt()) : null));
		}
		collection(DELIVERIES).bulkWrite(deliveries, new BulkWriteOptions().ordered(false));
		List<WriteModel<Document>> logWrites = new ArrayList<>();
		logs.forEach((key,
				entries) -> logWrites.add(new UpdateOneModel<>(Filters.eq("_id", key),
						Updates.pushEach("entries", entries, new PushOptions().slice(-LOG_LIMIT)),
						new UpdateOptions().upsert(true))));
		collection(LOG).bulkWrite(logWrites, new BulkWriteOptions().ordered(false));
	}

	/** The logged attempts of a subscription over the last days, newest first. */
	public List<Document> log(String subscriptionId, int days) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < days; i++) {
			keys.add(subscriptionId + "/" + today.minusDays(i));
		}
		List<Document> entries = new ArrayList<>();
		collection(LOG).find(Filters.in("_id", keys))
			.forEach((day) -> entries.addAll(day.getList("entries", Document.class, List.of())));
		entries.sort((a, b) -> b.getDate("at").compareTo(a.getDate("at")));
		return entries;
	}

	/**
	 * Moves the ids of slots older than the sweep's window (the service was down) into
	 * the current slot: a scan of the schedule, for start-up and a slow timer.
	 */
	public int catchUp() {
		long oldest = slotOf(this.clock.instant()) - WINDOW;
		Map<String, Instant> due = new LinkedHashMap<>();
		List<Long> stale = new ArrayList<>();
		for (Document slot : collection(SCHEDULE).find(Filters.lt("_id", oldest))) {
			stale.add(slot.getLong("_id"));
			slot.getList("ids", String.class, List.of()).forEach((id) -> due.put(id, this.clock.instant()));
		}
		schedule(due);
		if (!stale.isEmpty()) {
			collection(SCHEDULE).deleteMany(Filters.in("_id", stale));
		}
		return due.size();
	}

	long slotOf(Instant at) {
		return Math.floorDiv(at.getEpochSecond(), this.bucketSeconds);
	}

	private MongoCollection<Document> collection(String name) {
		return this.mongo.getCollection(name);
	}

	private static <T> List<List<T>> chunks(List<T> list, int size) {
		List<List<T>> chunks = new ArrayList<>();
		for (int i = 0; i < list.size(); i += size) {
			chunks.add(list.subList(i, Math.min(list.size(), i + size)));
		}
		return chunks;
	}

	/** What a sweep found: the due deliveries, the slot of every id, the ids not due. */
	public record Due(List<Document> deliveries, Map<String, Long> listedIn, List<String> notDue) {

	}

	/** The outcome of one attempt. */
	public record Attempt(String deliveryId, String subscriptionId, String eventId, int number, Instant at,
			String status, Integer response, String error, Instant nextAt) {

	}

}
