package id.go.kalteng.kim.dissemination.recipient;

import java.util.List;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Reads the recipients projected from {@code kim.group.events} (see
 * {@link RecipientProjection}).
 */
@Service
public class ActiveRecipients {

	private final MongoTemplate mongo;

	ActiveRecipients(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * The recipients of the active groups, optionally narrowed to some kabupaten.
	 * @param kabupaten kabupaten codes (empty = all)
	 * @return the candidate recipients, sorted by member id
	 */
	public List<Recipient> recipientsOfActiveGroups(List<String> kabupaten) {
		Query groups = Query.query(Criteria.where("status").is(GroupView.ACTIVE));
		if (kabupaten != null && !kabupaten.isEmpty()) {
			groups.addCriteria(Criteria.where("kabupaten").in(kabupaten));
		}
		List<String> active = this.mongo.find(groups, GroupView.class).stream().map(GroupView::id).toList();
		if (active.isEmpty()) {
			return List.of();
		}
		Query recipients = Query.query(Criteria.where("groupId").in(active));
		recipients.with(Sort.by("_id"));
		return this.mongo.find(recipients, Recipient.class);
	}

}
