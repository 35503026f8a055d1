package id.go.kalteng.kim.notification.optout;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Which phone numbers opted out of which channel; keyed by the number's phone hash and
 * the channel (no number is stored), fed by inbound STOP / START replies, asked before
 * every send.
 */
@Component
public class OptOuts {

	private final AggregateStore store;

	private final MongoTemplate mongo;

	private final PhonePseudonyms pseudonyms;

	private final Clock clock;

	OptOuts(AggregateStore store, MongoTemplate mongo, PhonePseudonyms pseudonyms, Clock clock) {
		this.store = store;
		this.mongo = mongo;
		this.pseudonyms = pseudonyms;
		this.clock = clock;
	}

	/** Whether the phone (E.164) opted out of the channel: one look-up by id. */
	public boolean isOptedOut(String phone, Channel channel) {
		return phone != null && !optedOut(List.of(this.pseudonyms.of(phone) + "|" + channel.name())).isEmpty();
	}

	/**
	 * Which of the (phone hash, channel) pairs opted out, in one look-up by
	 * {@code _id $in}.
	 * @param phoneHashAndChannel {@link #key keys} of the pairs asked about
	 * @return the keys of those that opted out
	 */
	public Set<String> optedOut(Collection<String> phoneHashAndChannel) {
		Set<String> optedOut = new HashSet<>();
		if (phoneHashAndChannel.isEmpty()) {
			return optedOut;
		}
		Map<String, String> keyOfId = new HashMap<>();
		for (String key : phoneHashAndChannel) {
			int bar = key.lastIndexOf('|');
			keyOfId.put(ChannelOptOut.idOf(key.substring(0, bar), Channel.valueOf(key.substring(bar + 1))), key);
		}
		Query query = Query.query(Criteria.where("_id").in(keyOfId.keySet()));
		query.fields().include("_id", "optedOut");
		for (ChannelOptOut record : this.mongo.find(query, ChannelOptOut.class)) {
			if (record.isOptedOut()) {
				optedOut.add(keyOfId.get(record.getId()));
			}
		}
		return optedOut;
	}

	/** The key of a (phone hash, channel) pair for {@link #optedOut(Collection)}. */
	public static String key(String phoneHash, Channel channel) {
		return phoneHash + "|" + channel.name();
	}

	/**
	 * Records that the phone wants nothing more on the channel.
	 * @return whether that is news (false when it had already opted out)
	 */
	public boolean optOut(String phone, Channel channel, String reason) {
		String phoneHash = this.pseudonyms.of(phone);
		String kabupaten = lastKnownKabupaten(phoneHash);
		return change(phoneHash, channel, (optOut) -> optOut.optOut(phone, reason, kabupaten, this.clock.instant()));
	}

	/**
	 * Records that the phone receives the channel again.
	 * @return whether that is news (false when it had not opted out)
	 */
	public boolean optIn(String phone, Channel channel, String reason) {
		String phoneHash = this.pseudonyms.of(phone);
		String kabupaten = lastKnownKabupaten(phoneHash);
		return change(phoneHash, channel, (optOut) -> optOut.optIn(phone, reason, kabupaten, this.clock.instant()));
	}

	private boolean change(String phoneHash, Channel channel, Predicate<ChannelOptOut> change) {
		return this.store.changeOrCreate(ChannelOptOut.idOf(phoneHash, channel), ChannelOptOut.class,
				() -> ChannelOptOut.receiving(phoneHash, channel), change);
	}

	/**
	 * The kabupaten of the latest notification to the phone, so that agencies see the
	 * opt-outs of their own people; a reply carries no kabupaten of its own.
	 */
	public String lastKnownKabupaten(String phoneHash) {
		Query query = Query.query(Criteria.where("phoneHash").is(phoneHash))
			.with(Sort.by(Sort.Order.desc("requestedAt")))
			.limit(1);
		query.fields().include("kabupaten");
		Notification latest = this.mongo.findOne(query, Notification.class);
		return (latest != null) ? latest.getKabupaten() : null;
	}

}
