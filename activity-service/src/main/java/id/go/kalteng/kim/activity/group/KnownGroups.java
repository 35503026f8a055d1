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

}
