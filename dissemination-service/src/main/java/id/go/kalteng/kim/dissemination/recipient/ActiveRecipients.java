package id.go.kalteng.kim.dissemination.recipient;

import java.util.List;
import java.util.stream.Stream;

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

	/** How many recipients a stream's cursor fetches at a time. */
	public static final int STREAM_BATCH = 500;

	private final MongoTemplate mongo;

	ActiveRecipients(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * The recipients of the active groups as a stream read in batches of
	 * {@value #STREAM_BATCH} from the database cursor (never all in memory), ordered by
	 * the number's keyed hash, then member id: every membership of one phone comes in one
	 * run, so one message per phone can be chosen without remembering earlier phones.
	 * Close it (try-with-resources).
	 * @param kabupaten kabupaten codes (empty = all)
	 * @param groups group ids (empty or null = all)
	 * @return the candidate recipients
	 */
	public Stream<Recipient> streamOfActiveGroups(List<String> kabupaten, List<String> groups) {
		List<String> active = activeGroups(kabupaten, groups);
		if (active.isEmpty()) {
			return Stream.empty();
		}
		Query recipients = Query.query(Criteria.where("groupId").in(active));
		recipients.with(Sort.by("phoneHash", "_id")).cursorBatchSize(STREAM_BATCH);
		return this.mongo.stream(recipients, Recipient.class);
	}

	private List<String> activeGroups(List<String> kabupaten, List<String> groups) {
		Query active = Query.query(Criteria.where("status").is(GroupView.ACTIVE));
		if (kabupaten != null && !kabupaten.isEmpty()) {
			active.addCriteria(Criteria.where("kabupaten").in(kabupaten));
		}
		if (groups != null && !groups.isEmpty()) {
			active.addCriteria(Criteria.where("_id").in(groups));
		}
		active.fields().include("_id");
		return this.mongo.find(active, GroupView.class).stream().map(GroupView::id).toList();
	}

}
