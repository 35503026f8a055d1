package id.go.kalteng.kim.group.registry;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import id.go.kalteng.kim.support.security.KimPrincipal;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Loads and saves groups through the outbox store, so a change and its events are written
 * together, and finds groups by a member's number.
 */
@Component
public class Groups {

	private final AggregateStore store;

	private final MongoTemplate mongo;

	Groups(AggregateStore store, MongoTemplate mongo) {
		this.store = store;
		this.mongo = mongo;
	}

	/** The groups in which this number is a member (indexed lookup). */
	public List<Group> withMember(String phone) {
		return this.mongo.find(byMember(phone), Group.class);
	}

	/** The ids of the groups in which this number is a member, for changes one by one. */
	private List<String> idsWithMember(String phone) {
		Query query = byMember(phone);
		query.fields().include("_id");
		return this.mongo.find(query, Document.class, this.mongo.getCollectionName(Group.class))
			.stream()
			.map((d) -> d.getString("_id"))
			.toList();
	}

	private static Query byMember(String phone) {
		return Query.query(Criteria.where("members.phone").is(phone));
	}

	/** A group as it is now, whoever asks (the caller's view is the asker's to check). */
	public Optional<Group> find(String id) {
		return this.store.findById(id, Group.class);
	}

	/** A group the caller may see, or 404. */
	public Group visible(KimPrincipal principal, String id) {
		Group group = this.store.findById(id, Group.class).orElseThrow(() -> DomainException.notFound("group", id));
		GroupAccess.requireVisible(principal, group);
		return group;
	}

	/**
	 * Stores a new group, or answers the stored one when its id exists (a repeated
	 * create).
	 */
	public Group insertOrGet(KimPrincipal principal, Group group) {
		return this.store.insertOrGet(group, () -> visible(principal, group.getId()));
	}

	/**
	 * Applies a change to a visible group and saves it (see
	 * {@link AggregateStore#change}).
	 * @param ifMatch the group ETag the caller read, or null
	 */
	public <T> T change(KimPrincipal principal, String id, String ifMatch, Function<Group, T> change) {
		return this.store.change(() -> visible(principal, id), ifMatch, change);
	}

	/**
	 * Applies a change to every group in which this number is a member, whatever the
	 * caller (event consumers, erasure by number): one group at a time, each re-applied
	 * on a concurrent write (see {@link AggregateStore#changeIfPresent}).
	 * @param change the change; false when it changed nothing in that group
	 * @return how many groups changed, of how many held the number
	 */
	public Changed changeEachWithMember(String phone, Predicate<Group> change) {
		List<String> ids = idsWithMember(phone);
		int changed = 0;
		for (String id : ids) {
			if (this.store.changeIfPresent(id, Group.class, change)) {
				changed++;
			}
		}
		return new Changed(changed, ids.size());
	}

	/**
	 * The outcome of a change applied to many groups.
	 *
	 * @param changed the groups changed
	 * @param of the groups the change was applied to
	 */
	public record Changed(int changed, int of) {

	}

}
