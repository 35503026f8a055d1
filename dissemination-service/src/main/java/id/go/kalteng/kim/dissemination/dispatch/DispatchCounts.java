package id.go.kalteng.kim.dissemination.dispatch;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import id.go.kalteng.kim.dissemination.broadcast.DeliveryProgress;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Reads the dispatches of a broadcast for its progress (written by
 * {@link DispatchProgress}).
 */
@Service
class DispatchCounts implements DeliveryProgress {

	private final MongoTemplate mongo;

	DispatchCounts(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Override
	public Map<String, Long> countsFor(String broadcastId) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (DispatchStatus status : DispatchStatus.values()) {
			long count = this.mongo.count(
					Query.query(Criteria.where("broadcastId").is(broadcastId).and("status").is(status.name())),
					Dispatch.COLLECTION);
			counts.put(status.name().toLowerCase(Locale.ROOT), count);
		}
		return counts;
	}

}
