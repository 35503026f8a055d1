package id.go.kalteng.kim.notification.erasure;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Forgets the personal data of an erased member or person (UU PDP), as group-service's
 * events ask ({@link ErasureHandlers}): a {@code MemberErasedEvent} names a member id
 * that every notification of the member carries; a {@code PersonErasedEvent} names a
 * phone hash that every notification of the number carries (current member, former
 * member, or never a member). For either:
 * <ol>
 * <li>remembers the member id ({@value #COLLECTION}: id, group, kabupaten, time) or the
 * phone hash ({@value #PHONES}: hash, time) as erased, no personal data, so that a
 * request arriving later is suppressed without its phone and the delivery worker sends
 * nothing more to it;</li>
 * <li>SUPPRESSES (reason {@code erased}) its notifications still QUEUED, one aggregate
 * save each so that the status change is announced and a broadcast's counts still add up;
 * there are only a few of them (one per broadcast still being sent); one a worker has
 * already claimed is suppressed by the worker's check before it sends;</li>
 * <li>removes the phone, its hash, the text and the last error of every one of its
 * notifications in one {@code updateMulti} (thousands are possible); status, reason,
 * attempts, channel, kabupaten, broadcast, member id and times stay;</li>
 * <li>makes the sandbox forget the messages of those notifications (for a person: every
 * message to the number).</li>
 * </ol>
 * Every step changes nothing when repeated.
 */
@Service
public class Erasures {

	/** The erased member ids. */
	public static final String COLLECTION = "erased_members";

	/** The erased phone numbers, by phone hash. */
	public static final String PHONES = "erased_phones";

	private static final Logger log = LoggerFactory.getLogger(Erasures.class);

	private static final int ID_BATCH = 1000;

	private final MongoTemplate mongo;

	private final AggregateStore store;

	private final List<SentMessageCopies> copies;

	private final Clock clock;

	Erasures(MongoTemplate mongo, AggregateStore store, List<SentMessageCopies> copies, Clock clock) {
		this.mongo = mongo;
		this.store = store;
		this.copies = copies;
		this.clock = clock;
	}

	/** Whether the member's personal data was erased. */
	public boolean isErased(String memberId) {
		return memberId != null && !erasedMembers(List.of(memberId)).isEmpty();
	}

	/** Whether the phone number (by its hash) was erased. */
	public boolean isPhoneErased(String phoneHash) {
		return phoneHash != null && !erasedPhones(List.of(phoneHash)).isEmpty();
	}

	/** Which of the member ids were erased, in one look-up by {@code _id $in}. */
	public Set<String> erasedMembers(Collection<String> memberIds) {
		return idsAmong(memberIds, COLLECTION);
	}

	/** Which of the phone hashes were erased, in one look-up by {@code _id $in}. */
	public Set<String> erasedPhones(Collection<String> phoneHashes) {
		return idsAmong(phoneHashes, PHONES);
	}

	/**
	 * The ids of the notifications that must not be sent because their member or phone
	 * number was erased: two look-ups by {@code _id $in} for all of them.
	 */
	public Set<String> erasedAmong(Collection<Notification> notifications) {
		Set<String> members = erasedMembers(notifications.stream().map(Notification::getMemberId).toList());
		Set<String> phones = erasedPhones(notifications.stream().map(Notification::getPhoneHash).toList());
		Set<String> erased = new HashSet<>();
		for (Notification n : notifications) {
			if (n.isErased() || members.contains(n.getMemberId()) || phones.contains(n.getPhoneHash())) {
				erased.add(n.getId());
			}
		}
		return erased;
	}

	private Set<String> idsAmong(Collection<String> ids, String collection) {
		List<String> asked = ids.stream().filter(Objects::nonNull).distinct().toList();
		// a mutable set: asking it about null (no member, no phone) answers false
		Set<String> found = new HashSet<>();
		if (asked.isEmpty()) {
			return found;
		}
		this.mongo.getCollection(collection)
			.find(Filters.in("_id", asked))
			.projection(Projections.include("_id"))
			.forEach((doc) -> found.add(doc.getString("_id")));
		return found;
	}

	/**
	 * Whether a notification must not be sent because its member or its phone number was
	 * erased (it may have been erased after this copy was loaded).
	 */
	public boolean isErased(Notification notification) {
		return notification.isErased() || isErased(notification.getMemberId())
				|| isPhoneErased(notification.getPhoneHash());
	}

	/**
	 * Erases a member (group-service erased it).
	 * @param erasedAt when group-service erased it; null for now
	 * @throws IllegalArgumentException when no member is named (dead-lettered)
	 */
	public void eraseMember(String memberId, String groupId, String kabupaten, Instant erasedAt) {
		if (memberId == null || memberId.isBlank()) {
			throw new IllegalArgumentException("member erasure without a memberId");
		}
		Instant now = this.clock.instant();
		Update remembered = new Update().setOnInsert("groupId", groupId)
			.setOnInsert("kabupaten", kabupaten)
			.setOnInsert("erasedAt", (erasedAt != null) ? erasedAt : now)
			.setOnInsert("recordedAt", now);
		this.mongo.upsert(Query.query(Criteria.where("_id").is(memberId)), remembered, COLLECTION);
		Counts counts = erase(Criteria.where("memberId").is(memberId), now);
		log.info("Member {} of group {} erased: {}", memberId, groupId, counts);
	}

	/**
	 * Erases a person by phone number (group-service erased it): every notification and
	 * sent copy of the number, whoever it belonged to.
	 * @param erasedAt when group-service erased it; null for now
	 * @throws IllegalArgumentException when no phone hash is given (dead-lettered)
	 */
	public void erasePerson(String phoneHash, Instant erasedAt) {
		if (phoneHash == null || phoneHash.isBlank()) {
			throw new IllegalArgumentException("person erasure without a phoneHash");
		}
		Instant now = this.clock.instant();
		Update remembered = new Update().setOnInsert("erasedAt", (erasedAt != null) ? erasedAt : now)
			.setOnInsert("recordedAt", now);
		this.mongo.upsert(Query.query(Criteria.where("_id").is(phoneHash)), remembered, PHONES);
		Counts counts = erase(Criteria.where("phoneHash").is(phoneHash), now);
		long deleted = 0;
		for (SentMessageCopies place : this.copies) {
			deleted += place.forgetPhone(phoneHash);
		}
		log.info("Person {} erased: {}, {} more sent copies deleted", phoneHash, counts, deleted);
	}

	/**
	 * Forgets one notification of an erased member or phone that a worker had in hand:
	 * suppressed when it was not handed to the provider yet, its phone and text dropped,
	 * and its sandbox copy deleted (a send that raced the erasure).
	 */
	public void forgetNotification(String notificationId) {
		Instant now = this.clock.instant();
		this.store.changeIfPresent(notificationId, Notification.class, (n) -> n.erase(now));
		forgetCopies(List.of(notificationId));
	}

	/** Steps 2 to 4 for the notifications that match. */
	private Counts erase(Criteria whose, Instant now) {
		// found before the phone hash is removed from them
		List<String> all = idsOf(whose, null);
		int suppressed = 0;
		for (String id : idsOf(whose, NotificationStatus.QUEUED)) {
			suppressed += this.store.changeIfPresent(id, Notification.class, (n) -> n.erase(now)) ? 1 : 0;
		}
		long redacted = this.mongo
			.updateMulti(Query.query(new Criteria().andOperator(whose, Criteria.where("erased").ne(true))), forget(now),
					Notification.class)
			.getModifiedCount();
		long forgotten = forgetCopies(all);
		return new Counts(redacted + suppressed, suppressed, forgotten);
	}

	/** The same forgetting as {@link Notification#erase}, done in the database. */
	private static Update forget(Instant now) {
		return new Update().unset("phone")
			.unset("phoneHash")
			.unset("text")
			.unset("lastError")
			.unset("whatsappTemplate")
			.set("erased", true)
			.set("erasedAt", now)
			// a worker or report holding an older copy must reload before saving
			.inc("version", 1L);
	}

	private List<String> idsOf(Criteria whose, NotificationStatus status) {
		Query query = Query
			.query((status != null) ? new Criteria().andOperator(whose, Criteria.where("status").is(status)) : whose);
		query.fields().include("_id");
		return this.mongo.find(query, Notification.class).stream().map(Notification::getId).toList();
	}

	private long forgetCopies(List<String> notificationIds) {
		long forgotten = 0;
		for (SentMessageCopies place : this.copies) {
			for (int from = 0; from < notificationIds.size(); from += ID_BATCH) {
				forgotten += place
					.forget(notificationIds.subList(from, Math.min(from + ID_BATCH, notificationIds.size())));
			}
		}
		return forgotten;
	}

	/** What an erasure did, for the log. */
	private record Counts(long forgotten, long suppressed, long copiesDeleted) {

		@Override
		public String toString() {
			return this.forgotten + " notifications forgotten, " + this.suppressed + " pending suppressed, "
					+ this.copiesDeleted + " sent copies deleted";
		}

	}

}
