package id.go.kalteng.kim.contracts.dissemination;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/**
 * An operator cancelled a broadcast that was approved, scheduled or already sending:
 * notification-service sends none of its messages (source {@code BROADCAST}, id
 * {@code broadcastId}) not yet handed to a provider, and ends them CANCELLED; requests
 * that arrive for it later end CANCELLED at once. {@code kabupaten} as in
 * {@link BroadcastApprovedEvent}.
 */
@EventType(value = BroadcastCancelledEvent.TYPE, topic = Topics.DISSEMINATION_EVENTS)
public record BroadcastCancelledEvent(String broadcastId, String kabupaten, String cancelledBy, String reason,
		Instant cancelledAt) implements BroadcastEvent {

	public static final String TYPE = "kim.dissemination.broadcast-cancelled.v1";

}
