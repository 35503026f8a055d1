package id.go.kalteng.kim.activity.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import id.go.kalteng.kim.activity.group.GroupView;
import id.go.kalteng.kim.activity.group.KnownGroups;
import id.go.kalteng.kim.activity.planning.Activity;
import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.security.Role;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Creates, revokes and renders calendar feeds. Who may create one: an operator any, an
 * agency its kabupaten's and its groups', a coordinator its own group's; the creator or
 * an operator revokes it. A feed is found by its id and opened only with its secret.
 * Rendering reads the activities by kabupaten or group (a scan on the embedded database),
 * so a scope's calendar is kept for a minute: calendar apps poll far less often.
 */
@Service
class CalendarFeeds {

	private static final Duration KEPT = Duration.ofMinutes(1);

	/** Past activities stay in a feed for this long. */
	private static final Duration HISTORY = Duration.ofDays(366);

	private final MongoTemplate mongo;

	private final KnownGroups groups;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();

	CalendarFeeds(MongoTemplate mongo, KnownGroups groups, Clock clock) {
		this.mongo = mongo;
		this.groups = groups;
		this.clock = clock;
	}

	CalendarFeed create(KimPrincipal principal, String kabupaten, String groupId) {
		if ((kabupaten == null) == (groupId == null)) {
			throw DomainException.invalid("kabupaten", "give either kabupaten or groupId");
		}
		if (kabupaten != null) {
			if (!Kabupaten.isKnown(kabupaten) && !Activity.PROVINCE.equals(kabupaten)) {
				throw DomainException.invalid("kabupaten",
						"must be a kabupaten code of Kalimantan Tengah (62.01..62.13, 62.71) or 62 for the province");
			}
			if (!principal.isOperator() && !(isAgency(principal) && kabupaten.equals(principal.kabupaten()))) {
				throw DomainException.forbidden("a feed of a kabupaten is for operators and its agency");
			}
		}
		else {
			List<GroupView> found = this.groups.findAll(List.of(groupId));
			if (found.isEmpty()) {
				throw DomainException.invalid("groupId", "is not a known KIM group");
			}
			boolean allowed = principal.isOperator()
					|| (isAgency(principal) && principal.kabupaten().equals(found.get(0).kabupaten()))
					|| (principal.has(Role.COORDINATOR) && groupId.equals(principal.group()));
			if (!allowed) {
				throw DomainException.forbidden("a feed of a group is for operators, its agency and its coordinator");
			}
		}
		byte[] secret = new byte[32];
		this.random.nextBytes(secret);
		CalendarFeed feed = new CalendarFeed(UUID.randomUUID().toString(),
				Base64.getUrlEncoder().withoutPadding().encodeToString(secret), kabupaten, groupId, principal.id(),
				this.clock.instant());
		this.mongo.insert(feed);
		return feed;
	}

	void revoke(KimPrincipal principal, String id) {
		CalendarFeed feed = this.mongo.findById(id, CalendarFeed.class);
		if (feed == null || !(principal.isOperator() || principal.id().equals(feed.createdBy()))) {
			throw DomainException.notFound("calendar feed", id);
		}
		this.mongo.remove(Query.query(Criteria.where("_id").is(id)), CalendarFeed.COLLECTION);
	}

	/** The calendar of a feed, when the secret is its own; else 404. */
	String render(String id, String secret) {
		CalendarFeed feed = this.mongo.findById(id, CalendarFeed.class);
		if (feed == null || secret == null || !MessageDigest.isEqual(feed.secret().getBytes(StandardCharsets.UTF_8),
				secret.getBytes(StandardCharsets.UTF_8))) {
			throw DomainException.notFound("calendar feed", id);
		}
		String scope = (feed.kabupaten() != null) ? "kabupaten:" + feed.kabupaten() : "group:" + feed.groupId();
		Instant now = this.clock.instant();
		Rendered cached = this.rendered.get(scope);
		if (cached != null && cached.until().isAfter(now)) {
			return cached.calendar();
		}
		Criteria criteria = (feed.kabupaten() != null) ? Criteria.where("details.kabupaten").is(feed.kabupaten())
				: Criteria.where("details.invitedGroups").is(feed.groupId());
		Query query = Query.query(criteria.and("details.startsAt").gte(now.minus(HISTORY)))
			.with(Sort.by("details.startsAt", "_id"));
		String name = "Kegiatan KIM " + ((feed.kabupaten() != null) ? feed.kabupaten() : "kelompok");
		String calendar = ICalendar.of(name, this.mongo.find(query, Activity.class), now);
		this.rendered.put(scope, new Rendered(calendar, now.plus(KEPT)));
		return calendar;
	}

	private static boolean isAgency(KimPrincipal principal) {
		return principal.has(Role.AGENCY) && principal.kabupaten() != null;
	}

	private record Rendered(String calendar, Instant until) {

	}

}
