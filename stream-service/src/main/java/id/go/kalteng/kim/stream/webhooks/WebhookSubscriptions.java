package id.go.kalteng.kim.stream.webhooks;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The subscriptions, written by {@code _id} and kept in memory for the hot paths (which
 * subscriptions want an event of a kabupaten, what an agency lists): all of them are
 * loaded at start-up and again on a slow timer, which is the only scan of the collection
 * (and what another instance's changes reach this one through).
 */
public class WebhookSubscriptions {

	static final String COLLECTION = "webhook_subscriptions";

	private final MongoTemplate mongo;

	private final Map<String, WebhookSubscription> byId = new ConcurrentHashMap<>();

	public WebhookSubscriptions(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Loads every subscription (start-up and the slow timer). */
	@Scheduled(initialDelayString = "${kim.stream.webhooks.reload-interval:60s}",
			fixedDelayString = "${kim.stream.webhooks.reload-interval:60s}")
	public void reload() {
		Map<String, WebhookSubscription> loaded = new ConcurrentHashMap<>();
		for (Document document : collection().find()) {
			WebhookSubscription subscription = WebhookSubscription.of(document);
			loaded.put(subscription.id(), subscription);
		}
		this.byId.putAll(loaded);
		this.byId.keySet().retainAll(loaded.keySet());
	}

	public void save(WebhookSubscription subscription) {
		collection().replaceOne(Filters.eq("_id", subscription.id()), subscription.toDocument(),
				new ReplaceOptions().upsert(true));
		this.byId.put(subscription.id(), subscription);
	}

	/** A subscription that was not deleted. */
	public Optional<WebhookSubscription> find(String id) {
		WebhookSubscription subscription = this.byId.get(id);
		if (subscription == null) {
			Document document = collection().find(Filters.eq("_id", id)).first();
			subscription = (document != null) ? WebhookSubscription.of(document) : null;
		}
		return Optional.ofNullable(subscription)
			.filter((found) -> found.status() != WebhookSubscription.Status.DELETED);
	}

	/** The subscriptions of a kabupaten (or every kabupaten for null), oldest first. */
	public List<WebhookSubscription> of(String kabupaten) {
		return this.byId.values()
			.stream()
			.filter((subscription) -> subscription.status() != WebhookSubscription.Status.DELETED)
			.filter((subscription) -> kabupaten == null || kabupaten.equals(subscription.kabupaten()))
			.sorted(Comparator.comparing(WebhookSubscription::createdAt).thenComparing(WebhookSubscription::id))
			.toList();
	}

	/** The active subscriptions of a kabupaten that want an event of the given type. */
	public List<WebhookSubscription> wanting(String kabupaten, String type) {
		return this.byId.values()
			.stream()
			.filter((subscription) -> kabupaten.equals(subscription.kabupaten()) && subscription.wants(type))
			.toList();
	}

	private MongoCollection<Document> collection() {
		return this.mongo.getCollection(COLLECTION);
	}

}
