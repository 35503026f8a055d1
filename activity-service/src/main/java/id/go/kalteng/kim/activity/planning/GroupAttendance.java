package id.go.kalteng.kim.activity.planning;

/**
 * How many people came from one invited group.
 *
 * @param groupId the invited group
 * @param attendees how many of its people attended
 */
public record GroupAttendance(String groupId, int attendees) {

}
