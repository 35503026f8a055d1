package id.go.kalteng.kim.activity.invitation;

import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How invitations and reminders go out.
 *
 * @param quietHours when members are not disturbed, {@code HH:mm-HH:mm} in WIB
 * ({@code KIM_QUIET_HOURS}); a reminder due inside them is moved before they begin
 * @param beforeQuietHours how long before the quiet hours begin such a reminder goes out
 * @param reminderPoll how often an instance looks for due reminders
 * @param reminderLease how long a claimed reminder stays with the instance that claimed
 * it; one not done by then (its instance died) is claimed again and re-sent under the
 * same notification ids
 * @param sendTimeout how long the broker may take to acknowledge a batch of requests
 */
@ConfigurationProperties("kim.activity.notices")
public record NoticeProperties(@DefaultValue("21:00-06:00") String quietHours,
		@DefaultValue("30m") Duration beforeQuietHours, @DefaultValue("30s") Duration reminderPoll,
		@DefaultValue("5m") Duration reminderLease, @DefaultValue("60s") Duration sendTimeout) {

	/** The start of the quiet hours (WIB). */
	public LocalTime quietStart() {
		return LocalTime.parse(this.quietHours.split("-")[0].trim());
	}

	/** The end of the quiet hours (WIB). */
	public LocalTime quietEnd() {
		return LocalTime.parse(this.quietHours.split("-")[1].trim());
	}

}
