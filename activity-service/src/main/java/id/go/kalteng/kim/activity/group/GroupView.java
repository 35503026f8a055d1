package id.go.kalteng.kim.activity.group;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A KIM group as the activity service needs it to check invitations, projected from
 * {@code kim.group.events}.
 *
 * @param id the group id
 * @param kabupaten the group's kabupaten code
 * @param status FORMING, ACTIVE, SUSPENDED or DISSOLVED
 * @param members ids of its current members
 */
@Document(GroupView.COLLECTION)
public record GroupView(@Id String id, String kabupaten, String status, List<String> members) {

	/** The collection. */
	public static final String COLLECTION = "groups";

	/** The only status whose members are told about activities. */
	public static final String ACTIVE = "ACTIVE";

	/** The status of a group that can no longer be invited. */
	public static final String DISSOLVED = "DISSOLVED";

	/**
	 * How many members the group has now.
	 * @return the member count
	 */
	public int memberCount() {
		return (this.members != null) ? this.members.size() : 0;
	}

}
