package id.go.kalteng.kim.notification.tracking;

import java.util.ArrayList;
import java.util.List;

import id.go.kalteng.kim.support.web.PageView;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Finds notifications by broadcast, phone, status and kabupaten, newest change first.
 */
@Component
class NotificationSearch {

	private final MongoTemplate mongo;

	NotificationSearch(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	PageView<NotificationView> find(Filter filter, int page, int size) {
		Query query = Query.query(criteria(filter));
		long total = this.mongo.count(query, Notification.class);
		query.with(Sort.by(Sort.Order.desc("updatedAt"), Sort.Order.asc("_id"))).skip((long) page * size).limit(size);
		List<NotificationView> items = this.mongo.find(query, Notification.class)
			.stream()
			.map(NotificationView::of)
			.toList();
		return new PageView<>(items, page, size, total);
	}

	private static Criteria criteria(Filter filter) {
		List<Criteria> all = new ArrayList<>();
		if (filter.broadcastId() != null) {
			all.add(Criteria.where("sourceType").is("BROADCAST"));
			all.add(Criteria.where("sourceId").is(filter.broadcastId()));
		}
		if (filter.phone() != null) {
			all.add(Criteria.where("phone").is(filter.phone()));
		}
		if (filter.status() == NotificationStatus.QUEUED) {
			// one being sent, or whose send has an unknown outcome, is still queued to
			// the
			// outside
			all.add(Criteria.where("status")
				.in(NotificationStatus.QUEUED, NotificationStatus.SENDING, NotificationStatus.UNKNOWN));
		}
		else if (filter.status() != null) {
			all.add(Criteria.where("status").is(filter.status()));
		}
		if (filter.kabupaten() != null) {
			all.add(Criteria.where("kabupaten").is(filter.kabupaten()));
		}
		return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
	}

	/** What to look for; {@code null} fields do not restrict. */
	record Filter(String broadcastId, String phone, NotificationStatus status, String kabupaten) {

	}

}
