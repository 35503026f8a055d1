package id.go.kalteng.kim.notification.optout;

import java.time.Clock;
import java.util.function.Predicate;

import id.go.kalteng.kim.notification.ConflictRetry;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.support.outbox.AggregateStore;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Which phone numbers opted out of which channel; keyed by phone and channel, fed by
 * inbound STOP / START replies, asked before every send.
 */
@Component
public class OptOuts {

	private final AggregateStore store;

	private final MongoTemplate mongo;

	private final Clock clock;

	OptOuts(AggregateStore store, MongoTemplate mongo, Clock clock) {
		this.store = store;
		this.mongo = mongo;
		this.clock = clock;
	}

	/** Whether the phone (E.164) opted out of the channel. */
	public boolean isOptedOut(String phone, Channel channel) {
		return this.mongo.exists(
				Query.query(Criteria.where("_id").is(ChannelOptOut.idOf(phone, channel)).and("optedOut").is(true)),
				ChannelOptOut.class);
	}

	/**
	 * Records that the phone wants nothing more on the channel.
	 * @return whether that is news (false when it had already opted out)
	 */
	public boolean optOut(String phone, Channel channel, String reason) {
		String kabupaten = lastKnownKabupaten(phone);
		return change(phone, channel, (optOut) -> optOut.optOut(reason, kabupaten, this.clock.instant()));
	}

	/**
	 * Records that the phone receives the channel again.
	 * @return whether that is news (false when it had not opted out)
	 */
	public boolean optIn(String phone, Channel channel, String reason) {
		String kabupaten = lastKnownKabupaten(phone);
		return change(phone, channel, (optOut) -> optOut.optIn(reason, kabupaten, this.clock.instant()));
	}

	private boolean change(String phone, Channel channel, Predicate<ChannelOptOut> change) {
		return ConflictRetry.run("opt-out-update", () -> {
			ChannelOptOut optOut = this.store.findById(ChannelOptOut.idOf(phone, channel), ChannelOptOut.class)
				.orElseGet(() -> ChannelOptOut.receiving(phone, channel));
			if (!change.test(optOut)) {
				return false;
			}
			this.store.save(optOut);
			return true;
		});
	}

	/**
	 * The kabupaten of the latest notification to the phone, so that agencies see the
	 * opt-outs of their own people; a reply carries no kabupaten of its own.
	 */
	private String lastKnownKabupaten(String phone) {
		Query query = Query.query(Criteria.where("phone").is(phone))
			.with(Sort.by(Sort.Order.desc("requestedAt")))
			.limit(1);
		query.fields().include("kabupaten");
		Notification latest = this.mongo.findOne(query, Notification.class);
		return (latest != null) ? latest.getKabupaten() : null;
	}

}
