package id.go.kalteng.kim.activity.invitation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import id.go.kalteng.kim.activity.group.GroupView;
import id.go.kalteng.kim.activity.group.KnownGroups;
import id.go.kalteng.kim.activity.group.MemberContact;
import id.go.kalteng.kim.activity.planning.Activity;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.support.outbox.DirectEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Tells the members of an activity's invited ACTIVE groups one thing about it: one
 * {@code kim.notification.notification-requested.v1} per member on the member's channel.
 * The notification id is derived from the activity, the kind, the revision, the phone's
 * pseudonymous id and the channel, so a redelivered event, a second instance or a restart
 * publishes the same ids again and notification-service keeps one notification per id;
 * that is why the requests go straight to Kafka ({@link DirectEvents}) rather than
 * through an outbox document: the work is redone whole until it succeeds. Members of
 * FORMING or SUSPENDED groups are not told (their group is not ACTIVE when the message is
 * due); opt-out and erasure are checked by notification-service at send time.
 */
@Service
public class MemberNotices {

	private static final Logger log = LoggerFactory.getLogger(MemberNotices.class);

	static final String SOURCE_TYPE = "ACTIVITY";

	static final String PRIORITY = "NORMAL";

	private final KnownGroups groups;

	private final DirectEvents events;

	private final NoticeProperties properties;

	private final Clock clock;

	MemberNotices(KnownGroups groups, DirectEvents events, NoticeProperties properties, Clock clock) {
		this.groups = groups;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Publishes one message of a kind to each reachable member and waits for the broker.
	 * @param activity the activity as it is now
	 * @param kind what the message is
	 * @param revision the activity revision it is about (0 for invitations and
	 * cancellations)
	 * @return how many requests were published
	 */
	int tell(Activity activity, NoticeKind kind, int revision) {
		List<String> memberIds = this.groups.findAll(activity.getDetails().invitedGroups())
			.stream()
			.filter((group) -> GroupView.ACTIVE.equals(group.status()))
			.flatMap((group) -> (group.members() != null) ? group.members().stream() : java.util.stream.Stream.empty())
			.distinct()
			.toList();
		String text = NoticeTexts.of(kind, activity);
		Instant now = this.clock.instant();
		DirectEvents.Sending sending = this.events.sending();
		for (MemberContact member : this.groups.contacts(memberIds)) {
			String channel = member.channel();
			if (channel == null || member.phone() == null) {
				continue;
			}
			String notificationId = notificationId(activity.getId(), kind, revision, member.phoneHash(), channel);
			sending.send(
					new NotificationRequestedEvent(notificationId, SOURCE_TYPE, activity.getId(), member.kabupaten(),
							member.memberId(), member.phone(), channel, text, PRIORITY, now),
					NotificationRequestedEvent.eventIdFor(notificationId));
		}
		int sent = sending.count();
		sending.awaitAll(this.properties.sendTimeout());
		log.info("activity {}: {} {} requests for revision {}", activity.getId(), sent, kind, revision);
		return sent;
	}

	/**
	 * The notification id of one message about an activity to one phone on one channel.
	 * @param activityId the activity
	 * @param kind what the message is
	 * @param revision the activity revision it is about
	 * @param phoneHash the phone's pseudonymous id
	 * @param channel WHATSAPP or SMS
	 * @return a name-based UUID, the same each time
	 */
	static String notificationId(String activityId, NoticeKind kind, int revision, String phoneHash, String channel) {
		return uuid("activity|" + activityId + "|" + kind + "|" + revision + "|" + phoneHash + "|" + channel);
	}

	private static String uuid(String name) {
		return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
	}

}
