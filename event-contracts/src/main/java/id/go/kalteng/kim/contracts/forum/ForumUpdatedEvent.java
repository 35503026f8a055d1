package id.go.kalteng.kim.contracts.forum;

import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/**
 * A Forum KIM's name, member groups or coordinators changed; carries the whole current
 * state.
 */
@EventType(value = ForumUpdatedEvent.TYPE, topic = Topics.GROUP_EVENTS)
public record ForumUpdatedEvent(String forumId, String kabupaten, String name, List<String> memberGroups,
		List<ForumCoordinator> coordinators, Instant updatedAt) implements ForumEvent {

	public static final String TYPE = "kim.group.forum-updated.v1";

}
