package id.go.kalteng.kim.activity.stats;

import java.time.Clock;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import id.go.kalteng.kim.activity.planning.Activity;
import id.go.kalteng.kim.activity.planning.ActivityService;
import id.go.kalteng.kim.activity.planning.ActivityStatus;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.security.KimPrincipal;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Yearly figures for reporting: activities (not cancelled) by type, kabupaten and month
 * of their start in WIB, activities by status, and everyone who attended the completed
 * ones.
 */
@Service
public class ActivityStats {

	private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

	private final MongoTemplate mongo;

	private final Clock clock;

	ActivityStats(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * The figures of one year, of the activities the caller may see.
	 * @param principal the caller
	 * @param wanted the year (WIB), or {@code null} for the current one
	 * @param kabupaten a kabupaten code, or {@code null} for all
	 * @return the figures
	 */
	public Figures of(KimPrincipal principal, Integer wanted, String kabupaten) {
		int year = (wanted != null) ? wanted : Year.now(this.clock.withZone(WIB)).getValue();
		Query query = ActivityService.visibleTo(principal);
		query.addCriteria(Criteria.where("details.startsAt")
			.gte(Year.of(year).atDay(1).atStartOfDay(WIB).toInstant())
			.lt(Year.of(year + 1).atDay(1).atStartOfDay(WIB).toInstant()));
		if (!ActivityService.narrowToKabupaten(query, principal, kabupaten)) {
			// as for the register's statistics: another kabupaten's figures do not exist
			// for an agency
			throw DomainException.notFound("kabupaten", kabupaten);
		}
		return summarize(year, kabupaten, this.mongo.find(query, Activity.class));
	}

	static Figures summarize(int year, String kabupaten, List<Activity> activities) {
		Map<String, Long> byType = new TreeMap<>();
		Map<String, Long> byCategory = new TreeMap<>();
		Map<String, Long> byKabupaten = new TreeMap<>();
		Map<Integer, Long> byMonth = new TreeMap<>();
		Map<String, Long> byStatus = new TreeMap<>();
		for (int month = 1; month <= 12; month++) {
			byMonth.put(month, 0L);
		}
		long total = 0;
		long attendees = 0;
		long listed = 0;
		long present = 0;
		for (Activity activity : activities) {
			byStatus.merge(activity.getStatus().name(), 1L, Long::sum);
			if (activity.getStatus() == ActivityStatus.CANCELLED) {
				continue;
			}
			total++;
			byType.merge(activity.getDetails().type().name(), 1L, Long::sum);
			byCategory.merge(activity.getCategory().name(), 1L, Long::sum);
			listed += activity.getMemberAttendance().size();
			present += activity.present();
			byKabupaten.merge(activity.getDetails().kabupaten(), 1L, Long::sum);
			byMonth.merge(activity.getDetails().startsAt().atZone(WIB).getMonthValue(), 1L, Long::sum);
			if (activity.getAttendees() != null) {
				attendees += activity.getAttendees();
			}
		}
		Double rate = (listed > 0) ? Math.round(1000.0 * present / listed) / 1000.0 : null;
		return new Figures(year, kabupaten, total, byType, byCategory, byKabupaten, byMonth, byStatus, attendees, rate);
	}

	/**
	 * Yearly figures.
	 *
	 * @param year the year
	 * @param kabupaten the kabupaten asked for, or {@code null}
	 * @param total activities not cancelled
	 * @param byType activities not cancelled per type
	 * @param byCategory activities not cancelled per category of technique
	 * @param byKabupaten activities not cancelled per kabupaten code
	 * @param byMonth activities not cancelled per month (1..12) of their start
	 * @param byStatus all activities per status
	 * @param attendees everyone who attended the completed activities
	 * @param attendanceRate members recorded present among all members whose attendance
	 * was recorded (0..1), or {@code null} when no per-member list was kept
	 */
	public record Figures(int year, String kabupaten, long total, Map<String, Long> byType,
			Map<String, Long> byCategory, Map<String, Long> byKabupaten, Map<Integer, Long> byMonth,
			Map<String, Long> byStatus, long attendees, Double attendanceRate) {

	}

}
