package id.go.kalteng.kim.dissemination.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.support.outbox.AggregateRoot;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Transient;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One message of a broadcast to one phone on one channel; its id is derived from those,
 * so a repeated fan-out finds it instead of sending twice.
 * <p>
 * A dispatch keeps no phone number: the number travels only in its notification request,
 * which waits in the document until the outbox relay has published it and is then
 * cleared. What stays is what progress and erasure need: the broadcast, the channel, the
 * recipient's kabupaten, the status, and the number's pseudonymous id ({@code phoneHash})
 * and member id until the person is erased.
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

	/**
	 * Whether its request is URGENT: the outbox relay publishes it before NORMAL ones.
	 */
	@Transient
	private boolean urgent;

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
	 * Queues a message and requests its delivery from the notification service.
	 * @param broadcastId the broadcast
	 * @param memberId the recipient member
	 * @param phone the phone (only in the request, not kept)
	 * @param phoneHash the phone's pseudonymous id
	 * @param channel the channel
	 * @param kabupaten the recipient's kabupaten
	 * @param text the message
	 * @param priority NORMAL or URGENT
	 * @param now the time
	 * @return the queued dispatch
	 */
	public static Dispatch queue(String broadcastId, String memberId, String phone, String phoneHash, String channel,
			String kabupaten, String text, String priority, Instant now) {
		String id = idFor(broadcastId, phoneHash, channel);
		Dispatch dispatch = new Dispatch(id, broadcastId, memberId, phoneHash, channel, kabupaten,
				DispatchStatus.QUEUED);
		dispatch.record(new NotificationRequestedEvent(id, "BROADCAST", broadcastId, kabupaten, memberId, phone,
				channel, text, priority, now));
		dispatch.urgent = "URGENT".equals(priority);
		return dispatch;
	}

	/**
	 * An URGENT broadcast's requests overtake NORMAL ones waiting in the outbox relay.
	 */
	@Override
	public boolean publishesFirst() {
		return this.urgent;
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
