package id.go.kalteng.kim.contracts.forum;

/**
 * A coordinator of a Forum KIM, named by membership rather than by name (data
 * minimisation).
 *
 * @param groupId the coordinator's group
 * @param memberId the coordinator as a member of that group
 * @param position the coordinator's position in the forum, e.g. KETUA
 */
public record ForumCoordinator(String groupId, String memberId, String position) {

}
