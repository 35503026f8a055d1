package id.go.kalteng.kim.notification.optout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * WhatsApp's 24-hour customer service window: a phone that wrote to us may get free text
 * for 24 hours after its last message; outside it only approved templates. One document
 * per phone hash ({@code _id}), so the send path looks a claim round's phones up at once
 * by {@code _id $in}.
 */
@Component
public class ConversationWindows {

	/** The collection: {@code _id} = phone hash, {@code lastInboundAt}. */
	public static final String COLLECTION = "conversation_windows";

	/**
	 * How long after a phone's last message free text is allowed: WhatsApp's 24 hours,
	 * less a margin for clocks and for the send in flight (a send WhatsApp judges outside
	 * it is answered 131047 and goes as a template).
	 */
	public static final Duration OPEN_FOR = Duration.ofHours(24).minusMinutes(10);

	private final MongoTemplate mongo;

	private final Clock clock;

	ConversationWindows(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** A phone wrote to us on WhatsApp at the given time. */
	void opened(String phoneHash, Instant at) {
		this.mongo.getCollection(COLLECTION)
			.updateOne(Filters.eq("_id", phoneHash), Updates.set("lastInboundAt", Date.from(at)),
					new UpdateOptions().upsert(true));
	}

	/**
	 * The phones among these whose window is open now.
	 * @param phoneHashes the phones' pseudonymous ids
	 * @return those open
	 */
	public Set<String> openAmong(Collection<String> phoneHashes) {
		Set<String> open = new HashSet<>();
		if (phoneHashes.isEmpty()) {
			return open;
		}
		Instant since = this.clock.instant().minus(OPEN_FOR);
		this.mongo.getCollection(COLLECTION)
			.find(Filters.in("_id", List.copyOf(new HashSet<>(phoneHashes))))
			.forEach((Document doc) -> {
				Date last = doc.getDate("lastInboundAt");
				if (last != null && last.toInstant().isAfter(since)) {
					open.add(doc.getString("_id"));
				}
			});
		return open;
	}

}
