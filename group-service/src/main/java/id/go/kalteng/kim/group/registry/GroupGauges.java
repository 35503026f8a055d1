package id.go.kalteng.kim.group.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.Projections;
import id.go.kalteng.kim.support.observability.SlowGauges;
import io.micrometer.core.instrument.Tags;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Groups and their members by group status and kabupaten ({@code kim.groups},
 * {@code kim.members}), counted on the slow-gauge timer: one pass over the groups
 * collection (a few thousand small documents in a province), never on a scrape.
 */
@Component
class GroupGauges {

	private final MongoTemplate mongo;

	private Map<Tags, Number> members = Map.of();

	GroupGauges(MongoTemplate mongo, SlowGauges gauges) {
		this.mongo = mongo;
		gauges.register("kim.groups", "groups by status and kabupaten", this::groups);
		gauges.register("kim.members", "members of groups by the group's status and kabupaten", () -> this.members);
	}

	/** Counts groups and, in the same pass, their members (read by the next family). */
	private Map<Tags, Number> groups() {
		Map<Tags, Number> groups = new HashMap<>();
		Map<Tags, Number> counted = new HashMap<>();
		for (Document group : this.mongo.getCollection(this.mongo.getCollectionName(Group.class))
			.find()
			.projection(Projections.include("status", "details.kabupaten", "members._id"))) {
			Document details = group.get("details", Document.class);
			Tags tags = Tags.of("status", String.valueOf(group.getString("status")), "kabupaten",
					(details != null) ? String.valueOf(details.getString("kabupaten")) : "unknown");
			groups.merge(tags, 1L, (a, b) -> a.longValue() + b.longValue());
			List<?> list = group.getList("members", Object.class, List.of());
			counted.merge(tags, (long) list.size(), (a, b) -> a.longValue() + b.longValue());
		}
		this.members = counted;
		return groups;
	}

}
