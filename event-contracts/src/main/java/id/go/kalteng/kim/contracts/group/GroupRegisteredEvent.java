package id.go.kalteng.kim.contracts.group;

import java.time.Instant;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/** A KIM group was registered; it starts FORMING until it reaches its minimum size. */
@EventType(value = GroupRegisteredEvent.TYPE, topic = Topics.GROUP_EVENTS)
public record GroupRegisteredEvent(String groupId, String name, String kabupaten, String kecamatan, String desa,
		String setting, String status, Instant registeredAt) implements GroupEvent {

	public static final String TYPE = "kim.group.group-registered.v1";

}
