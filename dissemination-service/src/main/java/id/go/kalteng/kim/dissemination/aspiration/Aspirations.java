package id.go.kalteng.kim.dissemination.aspiration;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import id.go.kalteng.kim.contracts.notification.InboundMessageReceivedEvent;
import id.go.kalteng.kim.dissemination.broadcast.Channel;
import id.go.kalteng.kim.dissemination.broadcast.SentBroadcasts;
import id.go.kalteng.kim.dissemination.dispatch.Dispatch;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.security.Role;
import id.go.kalteng.kim.support.web.PageView;
import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Community replies (aspirasi): every inbound text that is not an opt-out keyword
 * (notification-service's {@code inbound-message-received}) is kept
 * ({@value #COLLECTION}, {@code _id} = the message id, so a redelivered event changes
 * nothing), linked to the latest broadcast the sender received. That link is found
 * without a scan: the ids of the broadcasts that most recently began sending
 * ({@link SentBroadcasts}, one read by {@code _id}) and the sender's {@code phoneHash}
 * give the ids of every dispatch the sender could have had ({@link Dispatch#idFor}); one
 * {@code _id $in} read finds which exist. Listing replies (per broadcast, per kabupaten)
 * is an operator's request and may scan.
 */
@Service
public class Aspirations {

	static final String COLLECTION = "aspirations";

	/** Dispatches in these statuses did not reach the phone. */
	private static final List<String> NOT_RECEIVED = List.of("CANCELLED", "EXPIRED", "SUPPRESSED", "FAILED");

	private final MongoTemplate mongo;

	private final SentBroadcasts sent;

	private final Clock clock;

	Aspirations(MongoTemplate mongo, SentBroadcasts sent, Clock clock) {
		this.mongo = mongo;
		this.sent = sent;
		this.clock = clock;
	}

	/**
	 * Keeps a reply, linked to the latest broadcast its sender received.
	 * @param event the reply
	 * @return whether it was new
	 */
	public boolean received(InboundMessageReceivedEvent event) {
		Document linked = latestDispatchTo(event.phoneHash());
		Document aspiration = new Document("_id", event.messageId()).append("phoneHash", event.phoneHash())
			.append("channel", event.channel())
			.append("text", event.text())
			.append("kabupaten",
					(event.kabupaten() != null) ? event.kabupaten()
							: (linked != null) ? linked.getString("kabupaten") : null)
			.append("receivedAt", (event.receivedAt() != null) ? Date.from(event.receivedAt()) : null)
			.append("broadcastId", (linked != null) ? linked.getString("broadcastId") : null)
			.append("followedUp", false);
		try {
			collection().insertOne(aspiration);
			return true;
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
				return false;
			}
			throw ex;
		}
	}

	/** The sender's dispatch of the most recent broadcast it received, if any. */
	private Document latestDispatchTo(String phoneHash) {
		if (phoneHash == null) {
			return null;
		}
		List<String> broadcasts = this.sent.newestFirst();
		if (broadcasts.isEmpty()) {
			return null;
		}
		List<String> ids = new ArrayList<>();
		for (String broadcastId : broadcasts) {
			for (Channel channel : Channel.values()) {
				ids.add(Dispatch.idFor(broadcastId, phoneHash, channel.name()));
			}
		}
		Map<String, Document> found = new HashMap<>();
		this.mongo.getCollection(Dispatch.COLLECTION)
			.find(Filters.in("_id", ids))
			.projection(Projections.include("broadcastId", "status", "kabupaten"))
			.forEach((doc) -> {
				if (!NOT_RECEIVED.contains(doc.getString("status"))) {
					found.putIfAbsent(doc.getString("broadcastId"), doc);
				}
			});
		for (String broadcastId : broadcasts) {
			if (found.containsKey(broadcastId)) {
				return found.get(broadcastId);
			}
		}
		return null;
	}

	/**
	 * A page of the replies linked to a broadcast (the caller may see it), oldest first.
	 * @param broadcastId the broadcast
	 * @param page the page
	 * @param size its size
	 * @return the replies
	 */
	public PageView<Map<String, Object>> ofBroadcast(String broadcastId, int page, int size) {
		Query query = Query.query(Criteria.where("broadcastId").is(broadcastId));
		long total = this.mongo.count(query, COLLECTION);
		query.with(Sort.by("receivedAt", "_id")).skip((long) page * size).limit(size);
		return new PageView<>(
				this.mongo.find(query, Document.class, COLLECTION).stream().map(Aspirations::view).toList(), page, size,
				total);
	}

	PageView<Map<String, Object>> list(KimPrincipal principal, String kabupaten, Instant from, Instant to, int page,
			int size) {
		requireAccess(principal);
		Query query = new Query();
		String scope = kabupaten;
		if (!principal.isOperator()) {
			if (kabupaten != null && !kabupaten.equals(principal.kabupaten())) {
				return new PageView<>(List.of(), page, size, 0);
			}
			scope = principal.kabupaten();
		}
		if (scope != null) {
			query.addCriteria(Criteria.where("kabupaten").is(scope));
		}
		if (from != null || to != null) {
			Criteria received = Criteria.where("receivedAt");
			if (from != null) {
				received = received.gte(Date.from(from));
			}
			if (to != null) {
				received = received.lt(Date.from(to));
			}
			query.addCriteria(received);
		}
		long total = this.mongo.count(query, COLLECTION);
		query.with(Sort.by(Sort.Direction.DESC, "receivedAt")).skip((long) page * size).limit(size);
		return new PageView<>(
				this.mongo.find(query, Document.class, COLLECTION).stream().map(Aspirations::view).toList(), page, size,
				total);
	}

	Map<String, Object> followUp(KimPrincipal principal, String id, String note) {
		requireAccess(principal);
		Document stored = collection().find(Filters.eq("_id", id)).first();
		if (stored == null || !principal.isOperator() && !principal.kabupaten().equals(stored.getString("kabupaten"))) {
			throw DomainException.notFound("aspiration", id);
		}
		Instant now = this.clock.instant();
		collection().updateOne(Filters.eq("_id", id),
				Updates.combine(Updates.set("followedUp", true), Updates.set("followedUpBy", principal.id()),
						Updates.set("followedUpAt", Date.from(now)), Updates.set("followUpNote", note)));
		return view(collection().find(Filters.eq("_id", id)).first());
	}

	static void requireAccess(KimPrincipal principal) {
		if (!principal.isOperator() && !(principal.has(Role.AGENCY) && principal.kabupaten() != null)) {
			throw DomainException.forbidden("aspirations are for operators and agencies");
		}
	}

	/** A reply as shown: the sender masked (the first characters of its keyed hash). */
	static Map<String, Object> view(Document doc) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", doc.getString("_id"));
		String hash = doc.getString("phoneHash");
		view.put("sender", (hash != null) ? "#" + hash.substring(0, Math.min(8, hash.length())) : null);
		view.put("channel", doc.getString("channel"));
		view.put("text", doc.getString("text"));
		view.put("kabupaten", doc.getString("kabupaten"));
		view.put("receivedAt", instant(doc.getDate("receivedAt")));
		view.put("broadcastId", doc.getString("broadcastId"));
		view.put("followedUp", doc.getBoolean("followedUp", false));
		view.put("followedUpBy", doc.getString("followedUpBy"));
		view.put("followedUpAt", instant(doc.getDate("followedUpAt")));
		view.put("followUpNote", doc.getString("followUpNote"));
		return view;
	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

	private MongoCollection<Document> collection() {
		return this.mongo.getCollection(COLLECTION);
	}

}
