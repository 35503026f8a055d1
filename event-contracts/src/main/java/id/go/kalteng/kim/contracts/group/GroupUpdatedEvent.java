package id.go.kalteng.kim.contracts.group;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/** A group's details changed; carries the whole current description. */
@EventType(value = GroupUpdatedEvent.TYPE, topic = Topics.GROUP_EVENTS)
public record GroupUpdatedEvent(String groupId, String kabupaten, String name, String kecamatan, String desa,
		String setting, String skNumber, String skDate, String focus, Instant updatedAt) implements GroupEvent {

	public static final String TYPE = "kim.group.group-updated.v1";

}
