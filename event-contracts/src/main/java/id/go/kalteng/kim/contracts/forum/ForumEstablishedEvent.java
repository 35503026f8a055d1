package id.go.kalteng.kim.contracts.forum;

import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.EventType;
import id.go.kalteng.kim.contracts.Topics;

/**
 * A Forum KIM was established for a kabupaten/kota (or the province); carries its member
 * groups and coordinators.
 */
@EventType(value = ForumEstablishedEvent.TYPE, topic = Topics.GROUP_EVENTS)
public record ForumEstablishedEvent(String forumId, String kabupaten, String name, List<String> memberGroups,
		List<ForumCoordinator> coordinators, Instant establishedAt) implements ForumEvent {

	public static final String TYPE = "kim.group.forum-established.v1";

}
