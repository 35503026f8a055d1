package id.go.kalteng.kim.dissemination.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.support.outbox.AggregateRoot;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One message of a broadcast to one phone on one channel; its id is derived from those,
 * so a repeated fan-out finds it instead of sending twice.
 * <p>
 * A dispatch keeps no phone number: the number travels only in its notification request,
 * which the fan-out publishes straight to Kafka after storing the dispatch (no outbox
 * entry: the fan-out is redone until it completes, and the request's id is the
 * dispatch's). What stays is what progress and erasure need: the broadcast, the channel,
 * the recipient's kabupaten, the status, and the number's pseudonymous id
 * ({@code phoneHash}) and member id until the person is erased.
 */
@Document(Dispatch.COLLECTION)
public class Dispatch extends AggregateRoot {

	/** The collection. */
	public static final String COLLECTION = "dispatches";

	private final String broadcastId;

	private final String memberId;

	private final String phoneHash;

	private final String channel;

	private final String kabupaten;

	private final DispatchStatus status;

	@PersistenceCreator
	Dispatch(String id, String broadcastId, String memberId, String phoneHash, String channel, String kabupaten,
			DispatchStatus status) {
		super(id);
		this.broadcastId = broadcastId;
		this.memberId = memberId;
		this.phoneHash = phoneHash;
		this.channel = channel;
		this.kabupaten = kabupaten;
		this.status = status;
	}

	/**
	 * The id of the dispatch of a broadcast to a phone on a channel: derived from the
	 * phone's keyed hash, not the phone, so that the id reveals nothing to whoever lacks
	 * the platform's key.
	 * @param broadcastId the broadcast
	 * @param phoneHash the phone's pseudonymous id
	 * @param channel the channel
	 * @return a name-based UUID
	 */
	public static String idFor(String broadcastId, String phoneHash, String channel) {
		return UUID.nameUUIDFromBytes((broadcastId + "|" + phoneHash + "|" + channel).getBytes(StandardCharsets.UTF_8))
			.toString();
	}

	/**
	 * Queues a message; its request is published by the fan-out, straight to Kafka
	 * ({@link #request}), once this document is stored.
	 * @param broadcastId the broadcast
	 * @param memberId the recipient member
	 * @param phoneHash the phone's pseudonymous id
	 * @param channel the channel
	 * @param kabupaten the recipient's kabupaten
	 * @return the queued dispatch
	 */
	public static Dispatch queue(String broadcastId, String memberId, String phoneHash, String channel,
			String kabupaten) {
		return new Dispatch(idFor(broadcastId, phoneHash, channel), broadcastId, memberId, phoneHash, channel,
				kabupaten, DispatchStatus.QUEUED);
	}

	/**
	 * The notification request of this dispatch: its id is the dispatch's, so however
	 * often it is published, notification-service keeps one notification.
	 * @param phone the phone (only in the request, not kept)
	 * @param text the message
	 * @param priority NORMAL or URGENT
	 * @param now the time
	 * @return the request
	 */
	public NotificationRequestedEvent request(String phone, String text, String priority, Instant now) {
		return request(phone, text, priority, now, null, null);
	}

	/**
	 * The notification request of this dispatch, with what WhatsApp needs beyond the
	 * text.
	 * @param phone the phone (only in the request, not kept)
	 * @param text the message
	 * @param priority NORMAL or URGENT
	 * @param now the time
	 * @param whatsappTemplate the broadcast's approved WhatsApp template, if it names one
	 * (passed on for a WhatsApp dispatch only)
	 * @param fallbackChannels the channels of the broadcast after this one that the
	 * member consented to (e.g. SMS when WhatsApp cannot reach the phone); null for none
	 * @return the request
	 */
	public NotificationRequestedEvent request(String phone, String text, String priority, Instant now,
			NotificationRequestedEvent.WhatsAppTemplate whatsappTemplate, List<String> fallbackChannels) {
		return request(phone, text, priority, now, whatsappTemplate, fallbackChannels, null);
	}

	/**
	 * As
	 * {@link #request(String, String, String, Instant, NotificationRequestedEvent.WhatsAppTemplate, List)},
	 * with the broadcast's {@code expiresAt}: a message not handed to a provider by then
	 * is not sent.
	 * @param phone the phone (only in the request, not kept)
	 * @param text the message
	 * @param priority NORMAL or URGENT
	 * @param now the time
	 * @param whatsappTemplate the broadcast's WhatsApp template, if any
	 * @param fallbackChannels the fallback channels; null for none
	 * @param expiresAt the broadcast's expiry; null for none
	 * @return the request
	 */
	public NotificationRequestedEvent request(String phone, String text, String priority, Instant now,
			NotificationRequestedEvent.WhatsAppTemplate whatsappTemplate, List<String> fallbackChannels,
			Instant expiresAt) {
		return new NotificationRequestedEvent(getId(), "BROADCAST", this.broadcastId, this.kabupaten, this.memberId,
				phone, this.channel, text, priority, now, "WHATSAPP".equals(this.channel) ? whatsappTemplate : null,
				(fallbackChannels != null && !fallbackChannels.isEmpty()) ? fallbackChannels : null, expiresAt);
	}

	/**
	 * The CloudEvents id of this dispatch's request: derived from the dispatch, so a
	 * fan-out redone publishes the same event ids.
	 */
	public String requestEventId() {
		return NotificationRequestedEvent.eventIdFor(getId());
	}

	public String getBroadcastId() {
		return this.broadcastId;
	}

	public String getMemberId() {
		return this.memberId;
	}

	public String getPhoneHash() {
		return this.phoneHash;
	}

	public String getChannel() {
		return this.channel;
	}

	public String getKabupaten() {
		return this.kabupaten;
	}

	public DispatchStatus getStatus() {
		return this.status;
	}

}
