package id.go.kalteng.kim.dissemination.recipient;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A group as seen by the dissemination service: only active groups receive broadcasts.
 *
 * @param id the group id
 * @param name the group's name
 * @param kabupaten the kabupaten code
 * @param setting PERKOTAAN or PERDESAAN
 * @param status the group's lifecycle status
 */
@Document(GroupView.COLLECTION)
public record GroupView(@Id String id, String name, String kabupaten, String setting, String status) {

	/** The collection. */
	public static final String COLLECTION = "groups";

	/** The status of a group that receives broadcasts. */
	public static final String ACTIVE = "ACTIVE";

}
