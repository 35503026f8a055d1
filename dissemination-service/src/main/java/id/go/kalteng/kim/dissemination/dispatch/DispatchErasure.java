package id.go.kalteng.kim.dissemination.dispatch;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import id.go.kalteng.kim.dissemination.recipient.PersonalDataHolder;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Forgets a person's dispatches when the person asks for erasure (UU PDP), found by the
 * number's pseudonymous id: a notification request not yet published is dropped (the
 * dispatch becomes SUPPRESSED: nothing is sent to a person who asked to be forgotten),
 * and every dispatch loses the pseudonymous id and member id, keeping only what the
 * broadcast's progress counts need.
 */
@Component
public class DispatchErasure implements PersonalDataHolder {

	/**
	 * Where {@code AggregateStore} keeps an aggregate's unpublished events; a dispatch's
	 * only one is its notification request, the one place its phone number lives.
	 */
	static final String PENDING_EVENTS = "pendingEvents";

	private static final Logger log = LoggerFactory.getLogger(DispatchErasure.class);

	private final MongoTemplate mongo;

	private final DispatchProgress progress;

	DispatchErasure(MongoTemplate mongo, DispatchProgress progress) {
		this.mongo = mongo;
		this.progress = progress;
	}

	/**
	 * Forgets every dispatch to a number; a repeat changes nothing. The dispatches are
	 * found by the number's pseudonymous id once (a scan, on a person's request only),
	 * then changed by {@code _id}: the unpublished ones through {@link DispatchProgress}
	 * (so the progress counts count their suppression), then all of them lose the
	 * pseudonymous id, last, so that a crash before the end leaves them to be found again
	 * when the erasure comes again.
	 * @param phoneHash the number's pseudonymous id
	 * @return how many dispatches were forgotten
	 */
	@Override
	public long forget(String phoneHash) {
		MongoCollection<Document> dispatches = this.mongo.getCollection(Dispatch.COLLECTION);
		List<Document> holding = dispatches.find(Filters.eq("phoneHash", phoneHash))
			.projection(Projections.include("_id", PENDING_EVENTS))
			.into(new ArrayList<>());
		long dropped = 0;
		for (Document dispatch : holding) {
			if (!dispatch.getList(PENDING_EVENTS, Object.class, List.of()).isEmpty()
					&& this.progress.dropUnpublishedRequest(dispatch.getString("_id"))) {
				dropped++;
			}
		}
		long forgotten = 0;
		if (!holding.isEmpty()) {
			forgotten = dispatches
				.updateMany(Filters.in("_id", holding.stream().map((doc) -> doc.get("_id")).toList()), Updates
					.combine(Updates.unset("phoneHash"), Updates.unset("memberId"), Updates.inc("version", 1L)))
				.getModifiedCount();
		}
		log.info("erasure: {} dispatches forgotten, {} of them before their request was published", forgotten, dropped);
		return forgotten;
	}

}
