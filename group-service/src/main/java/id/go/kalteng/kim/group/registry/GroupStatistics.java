package id.go.kalteng.kim.group.registry;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.security.KimPrincipal;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * The numbers a dashboard shows: groups and members by kabupaten and status, counted in
 * the database (one aggregation, no documents loaded).
 */
@Component
class GroupStatistics {

	private final MongoTemplate mongo;

	GroupStatistics(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	Stats count(KimPrincipal principal, String kabupatenFilter) {
		String kabupaten = kabupatenFilter;
		if (!principal.isOperator()) {
			if (principal.kabupaten() == null || !principal.canSeeKabupaten(principal.kabupaten())) {
				throw DomainException.forbidden("statistics are for operators and agencies");
			}
			if (kabupaten != null && !kabupaten.equals(principal.kabupaten())) {
				throw DomainException.notFound("kabupaten", kabupaten);
			}
			kabupaten = principal.kabupaten();
		}
		Criteria match = (kabupaten != null) ? Criteria.where("details.kabupaten").is(kabupaten) : new Criteria();
		Aggregation aggregation = Aggregation.newAggregation(Aggregation.match(match),
				Aggregation.group("details.kabupaten", "status").count().as("groups").sum("memberCount").as("members"));
		Map<String, Row> rows = new LinkedHashMap<>();
		for (Kabupaten k : Kabupaten.values()) {
			if (kabupaten == null || k.code().equals(kabupaten)) {
				rows.put(k.code(), new Row(k.code(), k.displayName()));
			}
		}
		Row total = new Row(null, "Kalimantan Tengah");
		for (Document result : this.mongo.aggregate(aggregation, Group.class, Document.class).getMappedResults()) {
			Document key = (Document) result.get("_id");
			String code = key.getString("kabupaten");
			GroupStatus status = GroupStatus.valueOf(key.getString("status"));
			long groups = ((Number) result.get("groups")).longValue();
			long members = ((Number) result.get("members")).longValue();
			Row row = rows.computeIfAbsent(code, (c) -> new Row(c, c));
			row.add(status, groups, members);
			total.add(status, groups, members);
		}
		return new Stats(new ArrayList<>(rows.values()), total);
	}

	/**
	 * Counts for the province (or one kabupaten) and per kabupaten.
	 *
	 * @param byKabupaten one row per kabupaten/kota
	 * @param total the sum over the rows
	 */
	record Stats(List<Row> byKabupaten, Row total) {

	}

	/** Groups and members of one kabupaten by group status. */
	@JsonPropertyOrder({ "kabupaten", "name", "totalGroups", "totalMembers", "groups", "members" })
	static final class Row {

		private final String kabupaten;

		private final String name;

		private final Map<GroupStatus, Long> groups = new EnumMap<>(GroupStatus.class);

		private final Map<GroupStatus, Long> members = new EnumMap<>(GroupStatus.class);

		Row(String kabupaten, String name) {
			this.kabupaten = kabupaten;
			this.name = name;
			for (GroupStatus status : GroupStatus.values()) {
				this.groups.put(status, 0L);
				this.members.put(status, 0L);
			}
		}

		void add(GroupStatus status, long groupCount, long memberCount) {
			this.groups.merge(status, groupCount, Long::sum);
			this.members.merge(status, memberCount, Long::sum);
		}

		public String getKabupaten() {
			return this.kabupaten;
		}

		public String getName() {
			return this.name;
		}

		public Map<GroupStatus, Long> getGroups() {
			return this.groups;
		}

		public Map<GroupStatus, Long> getMembers() {
			return this.members;
		}

		public long getTotalGroups() {
			return this.groups.values().stream().mapToLong(Long::longValue).sum();
		}

		/** Members of groups that are not dissolved. */
		public long getTotalMembers() {
			return this.members.entrySet()
				.stream()
				.filter((e) -> e.getKey() != GroupStatus.DISSOLVED)
				.mapToLong(Map.Entry::getValue)
				.sum();
		}

	}

}
