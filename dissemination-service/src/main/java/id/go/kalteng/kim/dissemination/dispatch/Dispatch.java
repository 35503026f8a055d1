package id.go.kalteng.kim.dissemination.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.support.outbox.AggregateRoot;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One message of a broadcast to one phone on one channel; its id is derived from those,
 * so a repeated fan-out finds it instead of sending twice.
 */
@Document(Dispatch.COLLECTION)
public class Dispatch extends AggregateRoot {

	/** The collection. */
	public static final String COLLECTION = "dispatches";

	private final String broadcastId;

	private final String memberId;

	private final String phone;

	private final String channel;

	private final String kabupaten;

	private final DispatchStatus status;

	@PersistenceCreator
	Dispatch(String id, String broadcastId, String memberId, String phone, String channel, String kabupaten,
			DispatchStatus status) {
		super(id);
		this.broadcastId = broadcastId;
		this.memberId = memberId;
		this.phone = phone;
		this.channel = channel;
		this.kabupaten = kabupaten;
		this.status = status;
	}

	/**
	 * The id of the dispatch of a broadcast to a phone on a channel.
	 * @param broadcastId the broadcast
	 * @param phone the phone
	 * @param channel the channel
	 * @return a name-based UUID
	 */
	public static String idFor(String broadcastId, String phone, String channel) {
		return UUID.nameUUIDFromBytes((broadcastId + "|" + phone + "|" + channel).getBytes(StandardCharsets.UTF_8))
			.toString();
	}

	/**
	 * Queues a message and requests its delivery from the notification service.
	 * @param broadcastId the broadcast
	 * @param memberId the recipient member
	 * @param phone the phone
	 * @param channel the channel
	 * @param kabupaten the recipient's kabupaten
	 * @param text the message
	 * @param priority NORMAL or URGENT
	 * @param now the time
	 * @return the queued dispatch
	 */
	public static Dispatch queue(String broadcastId, String memberId, String phone, String channel, String kabupaten,
			String text, String priority, Instant now) {
		String id = idFor(broadcastId, phone, channel);
		Dispatch dispatch = new Dispatch(id, broadcastId, memberId, phone, channel, kabupaten, DispatchStatus.QUEUED);
		dispatch.record(new NotificationRequestedEvent(id, "BROADCAST", broadcastId, kabupaten, memberId, phone,
				channel, text, priority, now));
		return dispatch;
	}

	public String getBroadcastId() {
		return this.broadcastId;
	}

	public String getMemberId() {
		return this.memberId;
	}

	public String getPhone() {
		return this.phone;
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
