package id.go.kalteng.kim.notification.optout;

import java.time.Instant;

import id.go.kalteng.kim.contracts.notification.ChannelOptedInEvent;
import id.go.kalteng.kim.contracts.notification.ChannelOptedOutEvent;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.support.outbox.AggregateRoot;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Whether one phone number receives anything on one channel, keyed by the number's
 * pseudonymous id (its phone hash) so that the record holds no number. Saying STOP twice
 * opts out once: only a real change is announced.
 */
@Document(ChannelOptOut.COLLECTION)
class ChannelOptOut extends AggregateRoot {

	static final String COLLECTION = "opt_outs";

	private String phoneHash;

	private Channel channel;

	private boolean optedOut;

	private String reason;

	private Instant changedAt;

	@PersistenceCreator
	private ChannelOptOut() {
		super(null);
	}

	private ChannelOptOut(String phoneHash, Channel channel) {
		super(idOf(phoneHash, channel));
		this.phoneHash = phoneHash;
		this.channel = channel;
	}

	/** The opt-out record of a phone and channel that has none yet: receiving. */
	static ChannelOptOut receiving(String phoneHash, Channel channel) {
		return new ChannelOptOut(phoneHash, channel);
	}

	static String idOf(String phoneHash, Channel channel) {
		return phoneHash + ":" + channel.name();
	}

	/**
	 * @param phone the number (E.164) for the event's payload: group-service finds the
	 * members by it; it is not kept here
	 */
	boolean optOut(String phone, String reason, String kabupaten, Instant now) {
		if (this.optedOut) {
			return false;
		}
		this.optedOut = true;
		this.reason = reason;
		this.changedAt = now;
		record(new ChannelOptedOutEvent(phone, this.phoneHash, this.channel.name(), reason, kabupaten, now));
		return true;
	}

	/**
	 * @param phone the number (E.164) for the event's payload; it is not kept here
	 */
	boolean optIn(String phone, String reason, String kabupaten, Instant now) {
		if (!this.optedOut) {
			return false;
		}
		this.optedOut = false;
		this.reason = reason;
		this.changedAt = now;
		record(new ChannelOptedInEvent(phone, this.phoneHash, this.channel.name(), reason, kabupaten, now));
		return true;
	}

	boolean isOptedOut() {
		return this.optedOut;
	}

}
