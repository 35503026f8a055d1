package id.go.kalteng.kim.notification.delivery;

import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Which notification a provider's message id names, for delivery reports that carry only
 * the provider's id (WhatsApp's {@code wamid.…}, an SMS gateway's message id): one
 * document per sent message whose {@code _id} is {@code provider:messageId}, so a report
 * finds its notification by {@code _id} (a query by the notification's
 * {@code providerMessageId} would be a scan on the local database). Written right before
 * the send's SENT is saved, so no report can come before it.
 */
@Component
public class ProviderMessages {

	/** The collection. */
	public static final String COLLECTION = "provider_messages";

	private final MongoTemplate mongo;

	private final Clock clock;

	ProviderMessages(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	static String idOf(String provider, String messageId) {
		return provider + ":" + messageId;
	}

	/**
	 * Remembers that a provider's message is a notification's; a repeat changes nothing.
	 */
	void remember(String provider, String messageId, String notificationId) {
		try {
			this.mongo.getCollection(COLLECTION)
				.insertOne(new Document("_id", idOf(provider, messageId)).append("notificationId", notificationId)
					.append("at", Date.from(this.clock.instant())));
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
			// remembered before (a resend of the same receipt)
		}
	}

	/**
	 * The notifications of a provider's messages, in one look-up by {@code _id $in}.
	 * @return message id to notification id, for the messages known
	 */
	public Map<String, String> notificationsOf(String provider, Collection<String> messageIds) {
		Map<String, String> found = new HashMap<>();
		if (messageIds.isEmpty()) {
			return found;
		}
		List<String> ids = messageIds.stream().map((id) -> idOf(provider, id)).distinct().toList();
		String prefix = provider + ":";
		this.mongo.getCollection(COLLECTION)
			.find(Filters.in("_id", ids))
			.forEach((doc) -> found.put(doc.getString("_id").substring(prefix.length()),
					doc.getString("notificationId")));
		return found;
	}

}
