package id.go.kalteng.kim.group.forum;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import id.go.kalteng.kim.support.security.KimPrincipal;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Loads and saves forums through the outbox store, like {@code Groups}: a change without
 * {@code If-Match} is re-applied on a concurrent write, one with it answers 412.
 */
@Component
class Forums {

	private final AggregateStore store;

	private final MongoTemplate mongo;

	Forums(AggregateStore store, MongoTemplate mongo) {
		this.store = store;
		this.mongo = mongo;
	}

	Forum visible(KimPrincipal principal, String id) {
		Forum forum = this.store.findById(id, Forum.class).orElseThrow(() -> DomainException.notFound("forum", id));
		ForumAccess.requireVisible(principal, forum);
		return forum;
	}

	/** Stores a new forum; its kabupaten must not have one yet. */
	Forum insert(Forum forum) {
		try {
			return this.store.save(forum);
		}
		catch (DuplicateKeyException ex) {
			throw DomainException.ruleViolated("forum-exists",
					"kabupaten " + forum.kabupaten() + " already has its Forum KIM, " + forum.getId());
		}
	}

	<T> T change(KimPrincipal principal, String id, String ifMatch, Function<Forum, T> change) {
		return this.store.change(() -> visible(principal, id), ifMatch, change);
	}

	/** Applies a change to every forum the group belongs to, whatever the caller. */
	void changeEachWithGroup(String groupId, Predicate<Forum> change) {
		Query query = Query.query(Criteria.where("memberGroups").is(groupId));
		query.fields().include("_id");
		List<String> ids = this.mongo.find(query, Forum.class).stream().map(Forum::getId).toList();
		ids.forEach((id) -> this.store.changeIfPresent(id, Forum.class, change));
	}

}
