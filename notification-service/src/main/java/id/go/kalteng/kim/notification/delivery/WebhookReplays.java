package id.go.kalteng.kim.notification.delivery;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

import id.go.kalteng.kim.support.web.ApiException;
import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Remembers the webhook calls that were accepted, by signature, for as long as their
 * timestamp is inside the window of {@link WebhookSignatures}: a captured call sent again
 * is refused instead of applied twice. After that the window check refuses it, so the
 * records expire (a TTL index on {@code expiresAt} removes them).
 */
@Component
public class WebhookReplays {

	/** The accepted calls still inside their window: id, expiresAt; nothing else. */
	public static final String COLLECTION = "webhook_calls";

	/** Beyond the window, for clocks that drift between the check and the TTL monitor. */
	private static final Duration MARGIN = Duration.ofMinutes(1);

	private final MongoTemplate mongo;

	WebhookReplays(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Handles a verified call once. If the handling fails, the call is forgotten again,
	 * so that the provider may retry it.
	 * @param provider the provider's name, e.g. {@code sandbox}
	 * @throws ApiException 401 when a call with the same signature was accepted before
	 */
	public <T> T once(String provider, WebhookSignatures.Verified call, Supplier<T> handling) {
		String id = provider + ":" + call.signature();
		Date expiresAt = Date.from(call.signedAt().plus(WebhookSignatures.TOLERANCE).plus(MARGIN));
		try {
			this.mongo.insert(new Document("_id", id).append("expiresAt", expiresAt), COLLECTION);
		}
		catch (DuplicateKeyException ex) {
			throw new ReplayedCallException();
		}
		try {
			return handling.get();
		}
		catch (RuntimeException ex) {
			this.mongo.remove(Query.query(Criteria.where("_id").is(id)), COLLECTION);
			throw ex;
		}
	}

	/** 401: a call that was accepted before; nothing changed this time. */
	static final class ReplayedCallException extends ApiException {

		ReplayedCallException() {
			super(HttpStatus.UNAUTHORIZED, "replayed-call", "Replayed call",
					"this call (the same signature) was received before; a new call needs a new timestamp"
							+ " and signature",
					List.of());
		}

	}

}
