package id.go.kalteng.kim.dissemination.broadcast;

import java.util.HashMap;
import java.util.Map;

import com.mongodb.client.model.Projections;
import id.go.kalteng.kim.support.observability.SlowGauges;
import io.micrometer.core.instrument.Tags;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Broadcasts by status and priority ({@code kim.broadcasts}), counted on the slow-gauge
 * timer: one pass over the broadcasts collection (hundreds of documents), never on a
 * scrape. What a broadcast in flight sends is measured by notification-service as it
 * happens ({@code kim.notifications.attempts}).
 */
@Component
class BroadcastGauges {

	private final MongoTemplate mongo;

	BroadcastGauges(MongoTemplate mongo, SlowGauges gauges) {
		this.mongo = mongo;
		gauges.register("kim.broadcasts", "broadcasts by status and priority", this::broadcasts);
	}

	private Map<Tags, Number> broadcasts() {
		Map<Tags, Number> rows = new HashMap<>();
		for (BroadcastStatus status : BroadcastStatus.values()) {
			rows.put(Tags.of("status", status.name(), "priority", "NORMAL"), 0L);
		}
		for (Document broadcast : this.mongo.getCollection(this.mongo.getCollectionName(Broadcast.class))
			.find()
			.projection(Projections.include("status", "priority"))) {
			Tags tags = Tags.of("status", String.valueOf(broadcast.getString("status")), "priority",
					String.valueOf(broadcast.getString("priority")));
			rows.merge(tags, 1L, (a, b) -> a.longValue() + b.longValue());
		}
		return rows;
	}

}
