package id.go.kalteng.kim.notification.optout;

import java.util.Collection;

import id.go.kalteng.kim.notification.erasure.SentMessageCopies;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * What replies leave behind by phone hash: the phone's WhatsApp conversation window and
 * its community replies (whose text waits there until announced). A person's erasure
 * makes both go. Opt-outs stay: they are the record that the number must receive nothing.
 */
@Component
class ReplyTraces implements SentMessageCopies {

	private final MongoTemplate mongo;

	ReplyTraces(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public long forget(Collection<String> notificationIds) {
		// keyed by phone, not by notification
		return 0;
	}

	@Override
	public long forgetPhone(String phoneHash) {
		long windows = this.mongo
			.remove(Query.query(Criteria.where("_id").is(phoneHash)), ConversationWindows.COLLECTION)
			.getDeletedCount();
		long replies = this.mongo
			.remove(Query.query(Criteria.where("phoneHash").is(phoneHash)), InboundReply.COLLECTION)
			.getDeletedCount();
		return windows + replies;
	}

}
