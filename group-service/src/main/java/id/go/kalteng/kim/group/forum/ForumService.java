package id.go.kalteng.kim.group.forum;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.contracts.forum.ForumCoordinator;
import id.go.kalteng.kim.group.registry.Group;
import id.go.kalteng.kim.group.registry.GroupAccess;
import id.go.kalteng.kim.group.registry.Groups;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.security.Role;
import id.go.kalteng.kim.support.web.PageView;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Use cases on the Forum KIM: establish, rename, appoint coordinators, let groups join
 * and leave; and keep forums in step when a group dissolves or a member leaves.
 */
@Service
class ForumService {

	private final Forums forums;

	private final Groups groups;

	private final MongoTemplate mongo;

	private final Clock clock;

	ForumService(Forums forums, Groups groups, MongoTemplate mongo, Clock clock) {
		this.forums = forums;
		this.groups = groups;
		this.mongo = mongo;
		this.clock = clock;
	}

	Forum establish(KimPrincipal principal, String kabupaten, String name, List<String> memberGroups,
			List<ForumCoordinator> coordinators) {
		if (!Kabupaten.PROVINCE.equals(kabupaten) && !Kabupaten.isKnown(kabupaten)) {
			throw DomainException.invalid("kabupaten",
					"must be " + Kabupaten.PROVINCE + " (the province) or a kabupaten/kota code of Kalimantan Tengah");
		}
		ForumAccess.requireMayEstablishIn(principal, kabupaten);
		List<Group> members = memberGroups.stream()
			.distinct()
			.map((id) -> group(principal, id, "memberGroups"))
			.toList();
		return this.forums.insert(Forum.establish(kabupaten, name, members, coordinators, this.clock.instant()));
	}

	Forum get(KimPrincipal principal, String id) {
		return this.forums.visible(principal, id);
	}

	/** The forums the caller may see, by kabupaten (the provincial one first). */
	PageView<Forum> list(KimPrincipal principal, int page, int size) {
		Query query = new Query(visibleTo(principal));
		long total = this.mongo.count(query, Forum.class);
		query.fields().exclude("pendingEvents");
		query.with(Sort.by("kabupaten")).skip((long) page * size).limit(size);
		return new PageView<>(this.mongo.find(query, Forum.class), page, size, total);
	}

	Forum update(KimPrincipal principal, String id, String ifMatch, String name, List<ForumCoordinator> coordinators) {
		return asManager(principal, id, ifMatch, (forum) -> {
			forum.update(name, coordinators, groupsOf(forum, coordinators), this.clock.instant());
		});
	}

	Forum addGroup(KimPrincipal principal, String id, String groupId) {
		return asManager(principal, id, null, (forum) -> {
			forum.addGroup(group(principal, groupId, "groupId"), this.clock.instant());
		});
	}

	Forum removeGroup(KimPrincipal principal, String id, String groupId) {
		return asManager(principal, id, null, (forum) -> {
			if (!forum.removeGroup(groupId, this.clock.instant())) {
				throw DomainException.notFound("member group", groupId);
			}
		});
	}

	/** A member left its group or was erased: it no longer coordinates any forum. */
	void dropMember(String groupId, String memberId) {
		this.forums.changeEachWithGroup(groupId,
				(forum) -> forum.dropCoordinator(groupId, memberId, this.clock.instant()));
	}

	/** A group dissolved: it leaves every forum, with its coordinators. */
	void dropGroup(String groupId) {
		this.forums.changeEachWithGroup(groupId, (forum) -> forum.removeGroup(groupId, this.clock.instant()));
	}

	/**
	 * Loads a visible forum, lets its manager's decision change it, saves it (re-applied
	 * on a concurrent write unless {@code ifMatch} is given).
	 */
	private Forum asManager(KimPrincipal principal, String id, String ifMatch, Consumer<Forum> decision) {
		return this.forums.change(principal, id, ifMatch, (forum) -> {
			ForumAccess.requireManager(principal, forum);
			decision.accept(forum);
			return forum;
		});
	}

	/** A group the caller may see; otherwise the request names a bad group. */
	private Group group(KimPrincipal principal, String id, String field) {
		return this.groups.find(id)
			.filter((group) -> GroupAccess.canSee(principal, group))
			.orElseThrow(() -> DomainException.invalid(field, "group " + id + " does not exist"));
	}

	/** The forum's groups that the coordinators name, as they are now. */
	private Map<String, Group> groupsOf(Forum forum, List<ForumCoordinator> coordinators) {
		Map<String, Group> byId = new HashMap<>();
		if (coordinators != null) {
			coordinators.stream()
				.map(ForumCoordinator::groupId)
				.distinct()
				.filter(forum::hasGroup)
				.forEach((id) -> this.groups.find(id).ifPresent((g) -> byId.put(id, g)));
		}
		return byId;
	}

	private static Criteria visibleTo(KimPrincipal principal) {
		if (principal.isOperator()) {
			return new Criteria();
		}
		if (principal.has(Role.AGENCY) && principal.kabupaten() != null) {
			return Criteria.where("kabupaten").in(principal.kabupaten(), Kabupaten.PROVINCE);
		}
		if (principal.has(Role.COORDINATOR) && principal.group() != null) {
			return Criteria.where("memberGroups").is(principal.group());
		}
		throw DomainException.forbidden("the caller has no role that sees forums");
	}

}
