package id.go.kalteng.kim.contracts.dissemination;

import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/**
 * A second person approved a broadcast; fan-out to its recipients starts.
 * {@code kabupaten} is the single targeted kabupaten, or {@code 62} (the province) when
 * it reaches several.
 */
@EventType(value = BroadcastApprovedEvent.TYPE, topic = Topics.DISSEMINATION_EVENTS)
public record BroadcastApprovedEvent(String broadcastId, String kabupaten, String title, String message,
		List<String> channels, String priority, BroadcastTarget target, String author, String approvedBy,
		Instant approvedAt) implements BroadcastEvent {

	public static final String TYPE = "kim.dissemination.broadcast-approved.v1";

}
