package id.go.kalteng.kim.activity.group;

import java.util.Collection;
import java.util.List;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Reads the groups projected from {@code kim.group.events} (see {@link GroupProjection}).
 */
@Service
public class KnownGroups {

	private final MongoTemplate mongo;

	KnownGroups(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * The known groups among some ids.
	 * @param ids group ids
	 * @return the groups found (unknown ids are missing)
	 */
	public List<GroupView> findAll(Collection<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.mongo.find(Query.query(Criteria.where("_id").in(ids)), GroupView.class);
	}

	/**
	 * How to reach members, by id ({@code _id $in}).
	 * @param memberIds member ids
	 * @return the contacts found (members gone since are missing)
	 */
	public List<MemberContact> contacts(Collection<String> memberIds) {
		if (memberIds.isEmpty()) {
			return List.of();
		}
		return this.mongo.find(Query.query(Criteria.where("_id").in(memberIds)), MemberContact.class);
	}

	/**
	 * The groups of a kabupaten: a scan, for an operator's request (coverage) only.
	 * @param kabupaten the kabupaten code
	 * @return its groups
	 */
	public List<GroupView> ofKabupaten(String kabupaten) {
		return this.mongo.find(Query.query(Criteria.where("kabupaten").is(kabupaten)), GroupView.class);
	}

}
