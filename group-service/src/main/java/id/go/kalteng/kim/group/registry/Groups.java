package id.go.kalteng.kim.group.registry;

import java.util.List;
import java.util.function.Function;

import id.go.kalteng.kim.support.outbox.AggregateStore;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.web.ApiException;
import id.go.kalteng.kim.support.web.ETags;
import org.bson.Document;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Loads and saves groups through the outbox store: a change and its events are written
 * together. A change without {@code If-Match} is retried on a concurrent write (it is
 * re-applied to the fresh state, where the aggregate checks its rules again); one with
 * {@code If-Match} answers 412 instead.
 */
@Component
public class Groups {

	private static final int ATTEMPTS = 5;

	private final AggregateStore store;

	private final MongoTemplate mongo;

	Groups(AggregateStore store, MongoTemplate mongo) {
		this.store = store;
		this.mongo = mongo;
	}

	/** The ids of the groups in which this number is a member (indexed lookup). */
	public List<String> idsWithMember(String phone) {
		Query query = Query.query(Criteria.where("members.phone").is(phone));
		query.fields().include("_id");
		return this.mongo.find(query, Document.class, this.mongo.getCollectionName(Group.class))
			.stream()
			.map((d) -> d.getString("_id"))
			.toList();
	}

	/** A group the caller may see, or 404. */
	public Group visible(KimPrincipal principal, String id) {
		Group group = this.store.findById(id, Group.class).orElseThrow(() -> ApiException.notFound("group", id));
		GroupAccess.requireVisible(principal, group);
		return group;
	}

	/** Stores a new group. */
	public Group insert(Group group) {
		return this.store.save(group);
	}

	/**
	 * Applies a change to a visible group and saves it.
	 * @param ifMatch the group ETag the caller read, or null
	 */
	public <T> T change(KimPrincipal principal, String id, String ifMatch, Function<Group, T> change) {
		for (int attempt = 1;; attempt++) {
			Group group = visible(principal, id);
			ETags.checkIfMatch(ifMatch, group.getVersion());
			T result = change.apply(group);
			try {
				this.store.save(group);
				return result;
			}
			catch (OptimisticLockingFailureException ex) {
				if (ifMatch != null) {
					throw ApiException.staleVersion("the group changed while this request was applied; read it again");
				}
				if (attempt >= ATTEMPTS) {
					throw ApiException.ruleViolated("concurrent-change", "the group is being changed by others; retry");
				}
			}
		}
	}

	/** Applies a change to a group whatever the caller (event consumers) and saves it. */
	public boolean changeAsSystem(String id, Function<Group, Boolean> change) {
		for (int attempt = 1;; attempt++) {
			Group group = this.store.findById(id, Group.class).orElse(null);
			if (group == null || !change.apply(group)) {
				return false;
			}
			try {
				this.store.save(group);
				return true;
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt >= ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

}
