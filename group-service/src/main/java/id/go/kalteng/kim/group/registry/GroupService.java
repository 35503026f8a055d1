package id.go.kalteng.kim.group.registry;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.IdempotencyKeys;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.security.Role;
import id.go.kalteng.kim.support.web.PageView;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Use cases on groups: register, describe, suspend, reinstate, dissolve, partnerships,
 * search. Loads, lets the aggregate decide, saves.
 */
@Service
class GroupService {

	private final Groups groups;

	private final MongoTemplate mongo;

	private final GroupLimits limits;

	private final Clock clock;

	GroupService(Groups groups, MongoTemplate mongo, GroupLimits limits, Clock clock) {
		this.groups = groups;
		this.mongo = mongo;
		this.limits = limits;
		this.clock = clock;
	}

	Group register(KimPrincipal principal, String idempotencyKey, GroupDetails details) {
		requireKnownKabupaten(details.kabupaten());
		GroupAccess.requireMayRegisterIn(principal, details.kabupaten());
		String id = IdempotencyKeys.idFor("group", principal.id(), idempotencyKey);
		return this.groups.insertOrGet(principal, Group.register(id, details, this.clock.instant()));
	}

	Group get(KimPrincipal principal, String id) {
		return this.groups.visible(principal, id);
	}

	Group update(KimPrincipal principal, String id, String ifMatch, GroupPatch patch) {
		return asManager(principal, id, ifMatch, (group) -> {
			group.update(patch.applyTo(group.getDetails()), this.clock.instant());
			return group;
		});
	}

	Group suspend(KimPrincipal principal, String id, String ifMatch, String reason) {
		return asManager(principal, id, ifMatch, (group) -> {
			group.suspend(reason, this.clock.instant());
			return group;
		});
	}

	Group reinstate(KimPrincipal principal, String id, String ifMatch) {
		return asManager(principal, id, ifMatch, (group) -> {
			group.reinstate(this.limits, this.clock.instant());
			return group;
		});
	}

	Group dissolve(KimPrincipal principal, String id, String ifMatch, String reason) {
		return asManager(principal, id, ifMatch, (group) -> {
			group.dissolve(reason, this.clock.instant());
			return group;
		});
	}

	Partnership formPartnership(KimPrincipal principal, String groupId, String idempotencyKey, String agency,
			String scope, LocalDate since) {
		String id = IdempotencyKeys.idFor("partnership", principal.id() + "/" + groupId, idempotencyKey);
		return asManager(principal, groupId, null,
				(group) -> group.formPartnership(id, agency, scope, since, this.clock.instant()));
	}

	Partnership endPartnership(KimPrincipal principal, String groupId, String partnershipId, LocalDate until,
			String reason) {
		return asManager(principal, groupId, null, (group) -> group.endPartnership(partnershipId,
				(until != null) ? until : LocalDate.now(this.clock), reason, this.clock.instant()));
	}

	/**
	 * Loads a visible group, lets its manager's decision change it, saves it (re-applied
	 * on a concurrent write unless {@code ifMatch} is given).
	 */
	private <T> T asManager(KimPrincipal principal, String id, String ifMatch, Function<Group, T> decision) {
		return this.groups.change(principal, id, ifMatch, (group) -> {
			GroupAccess.requireManager(principal, group);
			return decision.apply(group);
		});
	}

	/** Groups matching the filters among those the caller may see, by name. */
	PageView<Group> search(KimPrincipal principal, GroupFilter filter, int page, int size) {
		Query query = new Query();
		for (Criteria criteria : criteriaFor(principal, filter)) {
			query.addCriteria(criteria);
		}
		long total = this.mongo.count(query, Group.class);
		query.fields().exclude("members", "pendingEvents");
		query.with(Sort.by("details.name", "_id")).skip((long) page * size).limit(size);
		return new PageView<>(this.mongo.find(query, Group.class), page, size, total);
	}

	private List<Criteria> criteriaFor(KimPrincipal principal, GroupFilter filter) {
		List<Criteria> criteria = new ArrayList<>();
		if (principal.isOperator()) {
			if (filter.kabupaten() != null) {
				criteria.add(Criteria.where("details.kabupaten").is(filter.kabupaten()));
			}
		}
		else if (principal.has(Role.AGENCY) && principal.kabupaten() != null) {
			String kabupaten = principal.kabupaten();
			boolean otherKabupaten = filter.kabupaten() != null && !filter.kabupaten().equals(kabupaten);
			criteria.add(Criteria.where("details.kabupaten").is(otherKabupaten ? "-" : kabupaten));
		}
		else if (principal.has(Role.COORDINATOR) && principal.group() != null) {
			criteria.add(Criteria.where("_id").is(principal.group()));
		}
		else {
			throw DomainException.forbidden("the caller has no role that sees groups");
		}
		if (filter.status() != null) {
			criteria.add(Criteria.where("status").is(filter.status().name()));
		}
		if (filter.setting() != null) {
			criteria.add(Criteria.where("details.setting").is(filter.setting().name()));
		}
		if (filter.text() != null && !filter.text().isBlank()) {
			criteria.add(Criteria.where("details.name")
				.regex(Pattern.compile(Pattern.quote(filter.text().trim()), Pattern.CASE_INSENSITIVE)));
		}
		return criteria;
	}

	static void requireKnownKabupaten(String code) {
		if (!Kabupaten.isKnown(code)) {
			throw DomainException.invalid("kabupaten", "must be a kabupaten/kota code of Kalimantan Tengah ("
					+ String.join(", ", Kabupaten.codes()) + ")");
		}
	}

	/**
	 * Search filters; null means any.
	 *
	 * @param kabupaten kabupaten/kota code
	 * @param status lifecycle status
	 * @param setting urban or rural
	 * @param text part of the name, any case
	 */
	record GroupFilter(String kabupaten, GroupStatus status, Setting setting, String text) {

	}

	/**
	 * Fields to change; null leaves a field as it is.
	 *
	 * @param name name
	 * @param kecamatan district
	 * @param desa village or ward
	 * @param setting urban or rural
	 * @param skNumber decree number
	 * @param skDate decree date
	 * @param focus focus
	 */
	record GroupPatch(String name, String kecamatan, String desa, Setting setting, String skNumber, LocalDate skDate,
			String focus) {

		GroupDetails applyTo(GroupDetails d) {
			return new GroupDetails(or(this.name, d.name()), d.kabupaten(), or(this.kecamatan, d.kecamatan()),
					or(this.desa, d.desa()), or(this.setting, d.setting()), or(this.skNumber, d.skNumber()),
					or(this.skDate, d.skDate()), or(this.focus, d.focus()));
		}

		private static <T> T or(T value, T fallback) {
			return (value != null) ? value : fallback;
		}

	}

}
