package id.go.kalteng.kim.notification.optout;

import java.time.Instant;

import id.go.kalteng.kim.contracts.notification.InboundMessageReceivedEvent;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.support.outbox.AggregateRoot;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A text a phone sent that is no keyword: a community reply, announced once as
 * {@code kim.notification.inbound-message-received.v1} for dissemination-service. Keeps
 * the phone's pseudonymous id, never the number.
 */
@Document(InboundReply.COLLECTION)
class InboundReply extends AggregateRoot {

	static final String COLLECTION = "inbound_replies";

	private String phoneHash;

	private Channel channel;

	private String kabupaten;

	private Instant receivedAt;

	@PersistenceCreator
	private InboundReply() {
		super(null);
	}

	private InboundReply(String id, String phoneHash, Channel channel, String kabupaten, Instant receivedAt) {
		super(id);
		this.phoneHash = phoneHash;
		this.channel = channel;
		this.kabupaten = kabupaten;
		this.receivedAt = receivedAt;
	}

	static InboundReply received(String id, String phoneHash, Channel channel, String text, String kabupaten,
			Instant now) {
		InboundReply reply = new InboundReply(id, phoneHash, channel, kabupaten, now);
		reply.record(new InboundMessageReceivedEvent(id, phoneHash, channel.name(), text, kabupaten, now));
		return reply;
	}

	String getPhoneHash() {
		return this.phoneHash;
	}

	Channel getChannel() {
		return this.channel;
	}

	String getKabupaten() {
		return this.kabupaten;
	}

	Instant getReceivedAt() {
		return this.receivedAt;
	}

}
