package id.go.kalteng.kim.activity.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import id.go.kalteng.kim.activity.group.GroupView;
import id.go.kalteng.kim.activity.group.KnownGroups;
import id.go.kalteng.kim.activity.planning.Activity;
import id.go.kalteng.kim.activity.planning.ActivityStatus;
import id.go.kalteng.kim.activity.planning.ActivityType;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.security.Role;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Which groups of a kabupaten the programme reached in a period: a group is reached when
 * it was invited to an activity (not cancelled, of any organiser, the province's
 * included) starting in the period, optionally of one technique. Dissolved groups are
 * left out. Two scans (the kabupaten's groups, the period's activities), on request only.
 */
@Service
public class Coverage {

	private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

	private final MongoTemplate mongo;

	private final KnownGroups groups;

	Coverage(MongoTemplate mongo, KnownGroups groups) {
		this.mongo = mongo;
		this.groups = groups;
	}

	/**
	 * The coverage of a kabupaten.
	 * @param principal an operator, or the kabupaten's agency
	 * @param kabupaten the kabupaten code
	 * @param from the first day (WIB)
	 * @param to the last day (WIB), inclusive
	 * @param type one technique, or {@code null} for any
	 * @return the reached and the not reached groups
	 */
	public Report of(KimPrincipal principal, String kabupaten, LocalDate from, LocalDate to, ActivityType type) {
		if (!principal.isOperator()) {
			if (!principal.has(Role.AGENCY) || principal.kabupaten() == null) {
				throw DomainException.forbidden("coverage is for operators and agencies");
			}
			if (!kabupaten.equals(principal.kabupaten())) {
				throw DomainException.notFound("kabupaten", kabupaten);
			}
		}
		if (to.isBefore(from)) {
			throw DomainException.invalid("to", "must not be before from");
		}
		List<GroupView> ofKabupaten = this.groups.ofKabupaten(kabupaten)
			.stream()
			.filter((g) -> !GroupView.DISSOLVED.equals(g.status()))
			.sorted(Comparator.comparing(GroupView::id))
			.toList();
		Set<String> ids = ofKabupaten.stream().map(GroupView::id).collect(Collectors.toSet());
		Map<String, List<Activity>> byGroup = new HashMap<>();
		if (!ids.isEmpty()) {
			Instant start = from.atStartOfDay(WIB).toInstant();
			Instant end = to.plusDays(1).atStartOfDay(WIB).toInstant();
			Criteria criteria = Criteria.where("details.invitedGroups")
				.in(ids)
				.and("details.startsAt")
				.gte(start)
				.lt(end)
				.and("status")
				.ne(ActivityStatus.CANCELLED.name());
			if (type != null) {
				criteria.and("details.type").is(type.name());
			}
			for (Activity activity : this.mongo.find(Query.query(criteria), Activity.class)) {
				activity.getDetails()
					.invitedGroups()
					.stream()
					.filter(ids::contains)
					.forEach((g) -> byGroup.computeIfAbsent(g, (k) -> new ArrayList<>()).add(activity));
			}
		}
		List<Reached> reached = new ArrayList<>();
		List<NotReached> notReached = new ArrayList<>();
		for (GroupView group : ofKabupaten) {
			List<Activity> activities = byGroup.get(group.id());
			if (activities == null) {
				notReached.add(new NotReached(group.id(), group.status()));
			}
			else {
				reached.add(new Reached(group.id(), group.status(), activities.size(),
						activities.stream().map((a) -> a.getDetails().type().name()).distinct().sorted().toList()));
			}
		}
		return new Report(kabupaten, from, to, (type != null) ? type.name() : null, reached, notReached);
	}

	/**
	 * The coverage of a kabupaten in a period.
	 *
	 * @param kabupaten the kabupaten code
	 * @param from the first day
	 * @param to the last day
	 * @param type the technique asked for, or {@code null}
	 * @param reached groups invited to at least one activity
	 * @param notReached groups invited to none
	 */
	public record Report(String kabupaten, LocalDate from, LocalDate to, String type, List<Reached> reached,
			List<NotReached> notReached) {

	}

	/**
	 * A reached group.
	 *
	 * @param groupId the group
	 * @param status its status
	 * @param activities how many activities it was invited to
	 * @param types the techniques of those
	 */
	public record Reached(String groupId, String status, int activities, List<String> types) {

	}

	/**
	 * A group not reached.
	 *
	 * @param groupId the group
	 * @param status its status
	 */
	public record NotReached(String groupId, String status) {

	}

}
