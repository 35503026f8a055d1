package id.go.kalteng.kim.activity.calendar;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A subscribable iCalendar feed of one kabupaten's or one group's activities. Its URL
 * carries the id and a random secret instead of a token, since calendar apps cannot send
 * one; deleting the document revokes it.
 *
 * @param id the feed id (document id)
 * @param secret 256 random bits, base64url
 * @param kabupaten the kabupaten whose activities it lists, or {@code null}
 * @param groupId the group whose invitations it lists, or {@code null}
 * @param createdBy who created it
 * @param createdAt when
 */
@Document(CalendarFeed.COLLECTION)
record CalendarFeed(@Id String id, String secret, String kabupaten, String groupId, String createdBy,
		Instant createdAt) {

	static final String COLLECTION = "calendarFeeds";

}
