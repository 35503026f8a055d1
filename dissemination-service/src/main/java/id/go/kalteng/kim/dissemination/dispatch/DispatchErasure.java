package id.go.kalteng.kim.dissemination.dispatch;

import java.util.List;

import id.go.kalteng.kim.dissemination.recipient.PersonalDataHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
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

	DispatchErasure(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Forgets every dispatch to a number; a repeat changes nothing.
	 * @param phoneHash the number's pseudonymous id
	 * @return how many dispatches were forgotten
	 */
	@Override
	public long forget(String phoneHash) {
		Query unpublished = Query
			.query(Criteria.where("phoneHash").is(phoneHash).and(PENDING_EVENTS + ".0").exists(true));
		long dropped = this.mongo
			.updateMulti(unpublished,
					new Update().set(PENDING_EVENTS, List.of())
						.set("status", DispatchStatus.SUPPRESSED.name())
						.inc("version", 1),
					Dispatch.COLLECTION)
			.getModifiedCount();
		long forgotten = this.mongo
			.updateMulti(Query.query(Criteria.where("phoneHash").is(phoneHash)),
					new Update().unset("phoneHash").unset("memberId").inc("version", 1), Dispatch.COLLECTION)
			.getModifiedCount();
		log.info("erasure: {} dispatches forgotten, {} of them before their request was published", forgotten, dropped);
		return forgotten;
	}

}
