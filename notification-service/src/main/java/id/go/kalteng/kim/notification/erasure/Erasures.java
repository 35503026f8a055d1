package id.go.kalteng.kim.notification.erasure;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.group.MemberErasedEvent;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.notification.tracking.NotificationUpdates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Forgets the personal data of an erased member (UU PDP), keyed by the member id that
 * every notification carries:
 * <ol>
 * <li>remembers the member id as erased ({@value #COLLECTION}: id, group, kabupaten,
 * time; no personal data), so that a request arriving later is suppressed without its
 * phone and the delivery worker sends nothing more to the member;</li>
 * <li>SUPPRESSES (reason {@code erased}) the member's notifications still QUEUED, one
 * aggregate save each so that the status change is announced and a broadcast's counts
 * still add up; a member has only a few of them (one per broadcast still being sent); one
 * a worker has already claimed is suppressed by the worker's check before it sends;</li>
 * <li>removes the phone, the text and the last error of every notification of the member
 * in one {@code updateMulti} (thousands are possible); status, reason, attempts, channel,
 * kabupaten, broadcast and times stay;</li>
 * <li>makes the sandbox forget the messages of those notifications.</li>
 * </ol>
 * Every step changes nothing when repeated.
 */
@Service
public class Erasures {

	/** The erased member ids. */
	public static final String COLLECTION = "erased_members";

	private static final Logger log = LoggerFactory.getLogger(Erasures.class);

	private static final int ID_BATCH = 1000;

	private final MongoTemplate mongo;

	private final NotificationUpdates updates;

	private final List<SentMessageCopies> copies;

	private final Clock clock;

	Erasures(MongoTemplate mongo, NotificationUpdates updates, List<SentMessageCopies> copies, Clock clock) {
		this.mongo = mongo;
		this.updates = updates;
		this.copies = copies;
		this.clock = clock;
	}

	/** Whether the member's personal data was erased. */
	public boolean isErased(String memberId) {
		return memberId != null && this.mongo.exists(Query.query(Criteria.where("_id").is(memberId)), COLLECTION);
	}

	/**
	 * Handles group-service's erasure of a member.
	 * @throws IllegalArgumentException when the event names no member (dead-lettered)
	 */
	public void onMemberErased(MemberErasedEvent event) {
		String memberId = event.memberId();
		if (memberId == null || memberId.isBlank()) {
			throw new IllegalArgumentException("member erasure without a memberId");
		}
		Instant now = this.clock.instant();
		remember(event, now);
		int suppressed = 0;
		for (String id : idsOf(memberId, NotificationStatus.QUEUED)) {
			boolean[] changed = { false };
			this.updates.apply(id, (n) -> changed[0] = n.erase(now));
			suppressed += changed[0] ? 1 : 0;
		}
		long redacted = this.mongo
			.updateMulti(Query.query(Criteria.where("memberId").is(memberId).and("erased").ne(true)), forget(now),
					Notification.class)
			.getModifiedCount();
		long forgotten = forgetCopies(idsOf(memberId, null));
		log.info("Member {} of group {} erased: {} notifications forgotten, {} pending suppressed, {} sent copies"
				+ " deleted", memberId, event.groupId(), redacted + suppressed, suppressed, forgotten);
	}

	/**
	 * Forgets one notification of an erased member that a worker had in hand: suppressed
	 * when it was not handed to the provider yet, its phone and text dropped, and its
	 * sandbox copy deleted (a send that raced the erasure).
	 */
	public void forgetNotification(String notificationId) {
		Instant now = this.clock.instant();
		this.updates.apply(notificationId, (n) -> n.erase(now));
		forgetCopies(List.of(notificationId));
	}

	private void remember(MemberErasedEvent event, Instant now) {
		Update update = new Update().setOnInsert("groupId", event.groupId())
			.setOnInsert("kabupaten", event.kabupaten())
			.setOnInsert("erasedAt", (event.erasedAt() != null) ? event.erasedAt() : now)
			.setOnInsert("recordedAt", now);
		this.mongo.upsert(Query.query(Criteria.where("_id").is(event.memberId())), update, COLLECTION);
	}

	/** The same forgetting as {@link Notification#erase}, done in the database. */
	private static Update forget(Instant now) {
		return new Update().unset("phone")
			.unset("text")
			.unset("lastError")
			.set("erased", true)
			.set("erasedAt", now)
			// a worker or report holding an older copy must reload before saving
			.inc("version", 1L);
	}

	private List<String> idsOf(String memberId, NotificationStatus status) {
		Criteria criteria = Criteria.where("memberId").is(memberId);
		if (status != null) {
			criteria = criteria.and("status").is(status);
		}
		Query query = Query.query(criteria);
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

}
