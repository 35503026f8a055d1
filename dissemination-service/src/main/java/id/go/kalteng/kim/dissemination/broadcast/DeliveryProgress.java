package id.go.kalteng.kim.dissemination.broadcast;

import java.util.Map;

/**
 * How far the delivery of a broadcast's messages has come, as the broadcast's progress
 * shows it. The broadcast feature owns this question; the feature that follows the
 * deliveries answers it, so the broadcast never depends on how deliveries are kept.
 */
public interface DeliveryProgress {

	/**
	 * Counts the messages of a broadcast per delivery status.
	 * @param broadcastId the broadcast
	 * @param recipients how many messages the broadcast requested (those not counted in a
	 * later status are queued)
	 * @return status name (lower case) to count, every status present
	 */
	Map<String, Long> countsFor(String broadcastId, long recipients);

}
