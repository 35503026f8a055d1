package id.go.kalteng.kim.activity.planning;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import id.go.kalteng.kim.activity.group.GroupView;
import id.go.kalteng.kim.activity.group.KnownGroups;
import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.FieldViolation;
import id.go.kalteng.kim.support.domain.IdempotencyKeys;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.security.Role;
import id.go.kalteng.kim.support.web.PageView;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Use cases on activities, with who-may-see-what: operators everything, an agency the
 * activities of its kabupaten, a coordinator (read only) those its group is invited to.
 */
@Service
public class ActivityService {

	private final AggregateStore store;

	private final MongoTemplate mongo;

	private final Invitations invitations;

	private final KnownGroups groups;

	private final Clock clock;

	ActivityService(AggregateStore store, MongoTemplate mongo, Invitations invitations, KnownGroups groups,
			Clock clock) {
		this.store = store;
		this.mongo = mongo;
		this.invitations = invitations;
		this.groups = groups;
		this.clock = clock;
	}

	Activity plan(KimPrincipal principal, String idempotencyKey, Activity.Details details) {
		requireWriter(principal);
		Activity.Details scoped = scoped(principal, details);
		String id = IdempotencyKeys.idFor("activity", principal.id(), idempotencyKey);
		return this.store.insertOrGet(Activity.plan(id, scoped, principal.id(), this.clock.instant()),
				() -> get(principal, id));
	}

	Activity get(KimPrincipal principal, String id) {
		Activity activity = this.store.findById(id, Activity.class)
			.orElseThrow(() -> DomainException.notFound("activity", id));
		if (!canSee(principal, activity)) {
			throw DomainException.notFound("activity", id);
		}
		return activity;
	}

	PageView<Activity> list(KimPrincipal principal, Filter filter, int page, int size) {
		Query query = visibleTo(principal);
		if (!narrowToKabupaten(query, principal, filter.kabupaten())) {
			return new PageView<>(List.of(), page, size, 0);
		}
		if (filter.type() != null) {
			query.addCriteria(Criteria.where("details.type").is(filter.type().name()));
		}
		if (filter.status() != null) {
			query.addCriteria(Criteria.where("status").is(filter.status().name()));
		}
		if (filter.from() != null || filter.to() != null) {
			Criteria startsAt = Criteria.where("details.startsAt");
			if (filter.from() != null) {
				startsAt.gte(filter.from());
			}
			if (filter.to() != null) {
				startsAt.lt(filter.to());
			}
			query.addCriteria(startsAt);
		}
		long total = this.mongo.count(query, Activity.class);
		query.with(Sort.by("details.startsAt", "_id")).skip((long) page * size).limit(size);
		return new PageView<>(this.mongo.find(query, Activity.class), page, size, total);
	}

	Activity revise(KimPrincipal principal, String id, String ifMatch, Patch patch) {
		return this.store.change(() -> writable(principal, id), ifMatch, (activity) -> {
			Activity.Details current = activity.getDetails();
			Activity.Details details = new Activity.Details(or(patch.type(), current.type()),
					or(patch.title(), current.title()), or(patch.description(), current.description()),
					or(patch.organizer(), current.organizer()), or(patch.kabupaten(), current.kabupaten()),
					or(patch.place(), current.place()), or(patch.startsAt(), current.startsAt()),
					or(patch.endsAt(), current.endsAt()), or(patch.invitedGroups(), current.invitedGroups()),
					or(patch.capacity(), current.capacity()));
			boolean reinvite = patch.invitedGroups() != null || patch.kabupaten() != null;
			activity.revise(reinvite ? scoped(principal, details) : details, this.clock.instant());
			return activity;
		});
	}

	Activity cancel(KimPrincipal principal, String id, String ifMatch, String reason) {
		return this.store.change(() -> writable(principal, id), ifMatch, (activity) -> {
			activity.cancel(reason, this.clock.instant());
			return activity;
		});
	}

	Activity recordAttendance(KimPrincipal principal, String id, String ifMatch, List<GroupAttendance> counts) {
		return this.store.change(() -> writable(principal, id), ifMatch, (activity) -> {
			activity.recordAttendance(counts, this.clock.instant());
			return activity;
		});
	}

	Activity complete(KimPrincipal principal, String id, String ifMatch, String outcome, int attendees) {
		return complete(principal, id, ifMatch, new Activity.Report(null, null, outcome, List.of()), attendees);
	}

	Activity complete(KimPrincipal principal, String id, String ifMatch, Activity.Report report, int attendees) {
		return this.store.change(() -> writable(principal, id), ifMatch, (activity) -> {
			activity.complete(report, attendees, this.clock.instant());
			return activity;
		});
	}

	/**
	 * Records members present or absent. Each must be a current member of an invited
	 * group (else 400 naming the entry); a coordinator records its own group's members
	 * only (else 403), operators and agencies any invited member.
	 */
	Activity recordMemberAttendance(KimPrincipal principal, String id, String ifMatch, List<MemberPresence> entries) {
		return this.store.change(() -> get(principal, id), ifMatch, (activity) -> {
			boolean writer = principal.isOperator() || isAgency(principal);
			if (!writer && !isCoordinator(principal)) {
				throw DomainException.forbidden("attendance is recorded by operators, agencies and coordinators");
			}
			Map<String, String> groupOf = new HashMap<>();
			for (GroupView group : this.groups.findAll(activity.getDetails().invitedGroups())) {
				if (group.members() != null) {
					group.members().forEach((member) -> groupOf.put(member, group.id()));
				}
			}
			List<FieldViolation> errors = new ArrayList<>();
			List<Activity.MemberAttendance> checked = new ArrayList<>();
			for (int i = 0; i < entries.size(); i++) {
				String group = groupOf.get(entries.get(i).memberId());
				if (group == null) {
					errors.add(new FieldViolation("[" + i + "].memberId", "is not a member of an invited group",
							entries.get(i).memberId()));
				}
				else if (!writer && !group.equals(principal.group())) {
					throw DomainException.forbidden("a coordinator records attendance of its own group's members");
				}
				checked.add(new Activity.MemberAttendance(entries.get(i).memberId(), group, entries.get(i).present()));
			}
			if (!errors.isEmpty()) {
				throw DomainException.invalid(errors);
			}
			activity.recordMemberAttendance(checked, this.clock.instant());
			return activity;
		});
	}

	/**
	 * A query on the activities a caller may see.
	 * @param principal the caller
	 * @return a query on the {@code activities} collection
	 */
	public static Query visibleTo(KimPrincipal principal) {
		if (principal.isOperator()) {
			return new Query();
		}
		if (isAgency(principal)) {
			return Query.query(Criteria.where("details.kabupaten").is(principal.kabupaten()));
		}
		if (isCoordinator(principal)) {
			return Query.query(Criteria.where("details.invitedGroups").is(principal.group()));
		}
		throw DomainException.forbidden("activities are for operators, agencies and KIM coordinators");
	}

	/**
	 * Narrows a {@link #visibleTo} query to one kabupaten. An agency's query already is
	 * its kabupaten: asking for it changes nothing, asking for another matches nothing.
	 * @param query the query of what the caller may see
	 * @param principal the caller
	 * @param kabupaten the kabupaten asked for, or {@code null} for all
	 * @return whether anything can match; {@code false} when the caller may see nothing
	 * of that kabupaten
	 */
	public static boolean narrowToKabupaten(Query query, KimPrincipal principal, String kabupaten) {
		if (kabupaten == null) {
			return true;
		}
		if (isAgency(principal)) {
			return kabupaten.equals(principal.kabupaten());
		}
		query.addCriteria(Criteria.where("details.kabupaten").is(kabupaten));
		return true;
	}

	private static boolean canSee(KimPrincipal principal, Activity activity) {
		Activity.Details details = activity.getDetails();
		return principal.isOperator() || (isAgency(principal) && principal.kabupaten().equals(details.kabupaten()))
				|| (isCoordinator(principal) && details.invitedGroups().contains(principal.group()));
	}

	private static boolean isAgency(KimPrincipal principal) {
		return principal.has(Role.AGENCY) && principal.kabupaten() != null;
	}

	private static boolean isCoordinator(KimPrincipal principal) {
		return principal.has(Role.COORDINATOR) && principal.group() != null;
	}

	/** An activity the caller may change (its If-Match is checked by the store). */
	private Activity writable(KimPrincipal principal, String id) {
		Activity activity = get(principal, id);
		requireWriter(principal);
		return activity;
	}

	private static void requireWriter(KimPrincipal principal) {
		if (!principal.isOperator() && !isAgency(principal)) {
			throw DomainException.forbidden("only operators and agencies change activities");
		}
	}

	/**
	 * Confines an agency to its kabupaten (its default), validates the code and the
	 * invitations.
	 */
	private Activity.Details scoped(KimPrincipal principal, Activity.Details details) {
		String kabupaten = details.kabupaten();
		if (!principal.isOperator()) {
			if (kabupaten != null && !kabupaten.equals(principal.kabupaten())) {
				throw DomainException.forbidden("an agency plans activities of its own kabupaten only");
			}
			kabupaten = principal.kabupaten();
		}
		if (kabupaten == null) {
			throw DomainException.invalid("kabupaten", "must not be null");
		}
		if (!Kabupaten.isKnown(kabupaten) && !Activity.PROVINCE.equals(kabupaten)) {
			throw DomainException.invalid("kabupaten",
					"must be a kabupaten code of Kalimantan Tengah (62.01..62.13, 62.71) or 62 for the province");
		}
		Activity.Details scoped = new Activity.Details(details.type(), details.title(), details.description(),
				details.organizer(), kabupaten, details.place(), details.startsAt(), details.endsAt(),
				details.invitedGroups(), details.capacity());
		this.invitations.check(scoped);
		return scoped;
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * One member's attendance as recorded.
	 *
	 * @param memberId the member
	 * @param present whether the member came
	 */
	record MemberPresence(String memberId, boolean present) {

	}

	/**
	 * List filters (null = any).
	 *
	 * @param kabupaten the kabupaten code
	 * @param type the activity type
	 * @param status the status
	 * @param from starts at or after
	 * @param to starts before
	 */
	record Filter(String kabupaten, ActivityType type, ActivityStatus status, Instant from, Instant to) {

	}

	/**
	 * Fields to change (null = unchanged).
	 *
	 * @param type the type
	 * @param title the title
	 * @param description the description
	 * @param organizer the organiser
	 * @param kabupaten the kabupaten code
	 * @param place the place
	 * @param startsAt the start
	 * @param endsAt the end
	 * @param invitedGroups the invited groups
	 * @param capacity the capacity
	 */
	record Patch(ActivityType type, String title, String description, String organizer, String kabupaten, String place,
			Instant startsAt, Instant endsAt, List<String> invitedGroups, Integer capacity) {

	}

}
