package id.go.kalteng.kim.notification.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import id.go.kalteng.kim.notification.delivery.OutboundMessage;
import id.go.kalteng.kim.notification.erasure.SentMessageCopies;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import id.go.kalteng.kim.support.web.PageView;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The sandbox's outbox to the world: one stored message per notification, deleted when
 * its member or its phone number is erased.
 */
@Component
@ConditionalOnSandbox
class SandboxMessages implements SentMessageCopies {

	private final MongoTemplate mongo;

	private final PhonePseudonyms pseudonyms;

	SandboxMessages(MongoTemplate mongo, PhonePseudonyms pseudonyms) {
		this.mongo = mongo;
		this.pseudonyms = pseudonyms;
	}

	/**
	 * Stores a message unless its notification already has one.
	 * @return the message id, the same for a repeat
	 */
	String store(OutboundMessage message, Instant now) {
		String messageId = SandboxMessage.messageIdOf(message.notificationId());
		try {
			this.mongo.insert(new SandboxMessage(message.notificationId(), messageId, message.phone(),
					this.pseudonyms.of(message.phone()), message.channel(), message.text(), now, message.sourceType(),
					message.sourceId(), message.kabupaten()));
		}
		catch (DuplicateKeyException ex) {
			// sent before (a resend after a crash): the phone has it already
		}
		return messageId;
	}

	@Override
	public long forget(Collection<String> notificationIds) {
		if (notificationIds.isEmpty()) {
			return 0;
		}
		return this.mongo.remove(Query.query(Criteria.where("_id").in(notificationIds)), SandboxMessage.class)
			.getDeletedCount();
	}

	@Override
	public long forgetPhone(String phoneHash) {
		return this.mongo.remove(Query.query(Criteria.where("phoneHash").is(phoneHash)), SandboxMessage.class)
			.getDeletedCount();
	}

	/**
	 * The notification a sandbox message id belongs to: the id names it
	 * ({@link SandboxMessage#messageIdOf}), so the look-up is by {@code _id}.
	 */
	Optional<String> notificationOf(String messageId) {
		return SandboxMessage.notificationIdOf(messageId)
			.map((id) -> this.mongo.findById(id, SandboxMessage.class))
			.map(SandboxMessage::notificationId);
	}

	/**
	 * Messages to a phone (all when null), of a kabupaten (all when null), newest first.
	 */
	PageView<SandboxMessageView> find(String phone, String kabupaten, int page, int size) {
		List<Criteria> all = new ArrayList<>();
		if (phone != null) {
			all.add(Criteria.where("phone").is(phone));
		}
		if (kabupaten != null) {
			all.add(Criteria.where("kabupaten").is(kabupaten));
		}
		Query query = Query.query(all.isEmpty() ? new Criteria() : new Criteria().andOperator(all));
		long total = this.mongo.count(query, SandboxMessage.class);
		query.with(Sort.by(Sort.Order.desc("sentAt"), Sort.Order.asc("_id"))).skip((long) page * size).limit(size);
		List<SandboxMessageView> items = this.mongo.find(query, SandboxMessage.class)
			.stream()
			.map(SandboxMessageView::of)
			.toList();
		return new PageView<>(items, page, size, total);
	}

}
