package id.go.kalteng.kim.notification.optout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;

import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.support.observability.Masking;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * What the platform does with a text a phone sent back: STOP / BERHENTI opts it out of
 * that channel, START / MULAI back in; anything else is not ours to act on. A message the
 * provider delivers again (same provider message id: a retried or replayed webhook)
 * changes nothing the second time, so an old STOP cannot undo a later START.
 */
@Component
public class InboundMessages {

	/** The inbound messages handled, by provider and message id; no number, no text. */
	public static final String COLLECTION = "inbound_messages";

	/**
	 * How long a message id is remembered: far beyond any provider's redelivery (Meta
	 * retries for up to 7 days). A provider adapter whose messages carry their own time
	 * must refuse messages older than this.
	 */
	public static final Duration DEDUPE_RETENTION = Duration.ofDays(30);

	private static final Logger log = LoggerFactory.getLogger(InboundMessages.class);

	private final OptOuts optOuts;

	private final MongoTemplate mongo;

	private final Clock clock;

	InboundMessages(OptOuts optOuts, MongoTemplate mongo, Clock clock) {
		this.optOuts = optOuts;
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * Handles a reply from a phone (E.164) on a channel.
	 * @param provider the provider that received it, e.g. {@code sandbox}
	 * @param messageId the provider's id of the message; null when it has none (then only
	 * the webhook's signature window protects against a repeat)
	 * @return what it changed
	 */
	public Outcome received(String provider, String messageId, String phone, Channel channel, String text) {
		if (messageId == null || messageId.isBlank()) {
			return act(phone, channel, text);
		}
		String id = provider + ":" + messageId;
		Instant now = this.clock.instant();
		try {
			this.mongo.insert(new Document("_id", id).append("receivedAt", Date.from(now))
				.append("expiresAt", Date.from(now.plus(DEDUPE_RETENTION))), COLLECTION);
		}
		catch (DuplicateKeyException ex) {
			log.info("Inbound message {} from {} on {} was handled before; ignored", id, Masking.phone(phone), channel);
			return Outcome.DUPLICATE;
		}
		try {
			return act(phone, channel, text);
		}
		catch (RuntimeException ex) {
			// not handled after all: the provider's retry must get through
			this.mongo.remove(Query.query(Criteria.where("_id").is(id)), COLLECTION);
			throw ex;
		}
	}

	private Outcome act(String phone, Channel channel, String text) {
		return InboundKeyword.parse(text)
			.map((keyword) -> apply(keyword, phone, channel, text.strip()))
			.orElse(Outcome.NO_KEYWORD);
	}

	private Outcome apply(InboundKeyword keyword, String phone, Channel channel, String word) {
		String reason = word.toUpperCase(Locale.ROOT);
		if (keyword == InboundKeyword.OPT_OUT) {
			boolean changed = this.optOuts.optOut(phone, channel, reason);
			log.info("{} replied {} on {}: {}", Masking.phone(phone), reason, channel,
					changed ? "opted out" : "already opted out");
			return changed ? Outcome.OPTED_OUT : Outcome.UNCHANGED;
		}
		boolean changed = this.optOuts.optIn(phone, channel, reason);
		log.info("{} replied {} on {}: {}", Masking.phone(phone), reason, channel,
				changed ? "opted in" : "was not opted out");
		return changed ? Outcome.OPTED_IN : Outcome.UNCHANGED;
	}

	/** What a reply changed. */
	public enum Outcome {

		/** The phone opted out of the channel. */
		OPTED_OUT,
		/** The phone opted back in. */
		OPTED_IN,
		/** A keyword that repeated the current state. */
		UNCHANGED,
		/** An ordinary reply. */
		NO_KEYWORD,
		/** A message that was handled before (same provider message id). */
		DUPLICATE

	}

}
