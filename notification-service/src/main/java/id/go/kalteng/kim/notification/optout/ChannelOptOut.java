package id.go.kalteng.kim.notification.optout;

import java.time.Instant;

import id.go.kalteng.kim.contracts.notification.ChannelOptedInEvent;
import id.go.kalteng.kim.contracts.notification.ChannelOptedOutEvent;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.support.outbox.AggregateRoot;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Whether one phone number receives anything on one channel. Saying STOP twice opts out
 * once: only a real change is announced.
 */
@Document(ChannelOptOut.COLLECTION)
class ChannelOptOut extends AggregateRoot {

	static final String COLLECTION = "opt_outs";

	private String phone;

	private Channel channel;

	private boolean optedOut;

	private String reason;

	private Instant changedAt;

	@PersistenceCreator
	private ChannelOptOut() {
		super(null);
	}

	private ChannelOptOut(String phone, Channel channel) {
		super(idOf(phone, channel));
		this.phone = phone;
		this.channel = channel;
	}

	/** The opt-out record of a phone and channel that has none yet: receiving. */
	static ChannelOptOut receiving(String phone, Channel channel) {
		return new ChannelOptOut(phone, channel);
	}

	static String idOf(String phone, Channel channel) {
		return phone + ":" + channel.name();
	}

	boolean optOut(String reason, String kabupaten, Instant now) {
		if (this.optedOut) {
			return false;
		}
		this.optedOut = true;
		this.reason = reason;
		this.changedAt = now;
		record(new ChannelOptedOutEvent(this.phone, this.channel.name(), reason, kabupaten, now));
		return true;
	}

	boolean optIn(String reason, String kabupaten, Instant now) {
		if (!this.optedOut) {
			return false;
		}
		this.optedOut = false;
		this.reason = reason;
		this.changedAt = now;
		record(new ChannelOptedInEvent(this.phone, this.channel.name(), reason, kabupaten, now));
		return true;
	}

	boolean isOptedOut() {
		return this.optedOut;
	}

}
