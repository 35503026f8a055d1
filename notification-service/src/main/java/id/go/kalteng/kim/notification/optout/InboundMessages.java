package id.go.kalteng.kim.notification.optout;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.support.observability.Masking;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
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

	private final PhonePseudonyms pseudonyms;

	private final AggregateStore store;

	private final ConversationWindows windows;

	private final ObjectProvider<ReplyConfirmations> confirmations;

	InboundMessages(OptOuts optOuts, MongoTemplate mongo, Clock clock, PhonePseudonyms pseudonyms, AggregateStore store,
			ConversationWindows windows, ObjectProvider<ReplyConfirmations> confirmations) {
		this.optOuts = optOuts;
		this.mongo = mongo;
		this.clock = clock;
		this.pseudonyms = pseudonyms;
		this.store = store;
		this.windows = windows;
		this.confirmations = confirmations;
	}

	/**
	 * Handles a reply from a phone (E.164) on a channel.
	 * @param provider the provider that received it, e.g. {@code sandbox}
	 * @param messageId the provider's id of the message; null when it has none (then only
	 * the webhook's signature window protects against a repeat)
	 * @return what it changed
	 */
	public Outcome received(String provider, String messageId, String phone, Channel channel, String text) {
		Instant now = this.clock.instant();
		String phoneHash = this.pseudonyms.of(phone);
		if (channel == Channel.WHATSAPP) {
			// the phone opened (or kept open) WhatsApp's 24-hour window: free text may go
			this.windows.opened(phoneHash, now);
		}
		if (messageId == null || messageId.isBlank()) {
			return act(null, phone, phoneHash, channel, text, now);
		}
		String id = provider + ":" + messageId;
		try {
			this.mongo.insert(new Document("_id", id).append("receivedAt", Date.from(now))
				.append("expiresAt", Date.from(now.plus(DEDUPE_RETENTION))), COLLECTION);
		}
		catch (DuplicateKeyException ex) {
			log.info("Inbound message {} from {} on {} was handled before; ignored", id, Masking.phone(phone), channel);
			return Outcome.DUPLICATE;
		}
		try {
			return act(id, phone, phoneHash, channel, text, now);
		}
		catch (RuntimeException ex) {
			// not handled after all: the provider's retry must get through
			this.mongo.remove(Query.query(Criteria.where("_id").is(id)), COLLECTION);
			throw ex;
		}
	}

	private Outcome act(String id, String phone, String phoneHash, Channel channel, String text, Instant now) {
		Optional<InboundKeyword> keyword = InboundKeyword.parse(text);
		if (keyword.isPresent()) {
			Outcome outcome = apply(keyword.get(), phone, channel, text.strip());
			if (outcome == Outcome.OPTED_OUT || outcome == Outcome.OPTED_IN) {
				confirm(id, phone, phoneHash, channel, outcome, now);
			}
			return outcome;
		}
		if (text != null && !text.isBlank()) {
			String replyId = (id != null) ? id
					: UUID
						.nameUUIDFromBytes(
								(phoneHash + "|" + channel + "|" + now + "|" + text).getBytes(StandardCharsets.UTF_8))
						.toString();
			this.store.insertAllIgnoringExisting(List.of(InboundReply.received(replyId, phoneHash, channel, text,
					this.optOuts.lastKnownKabupaten(phoneHash), now)));
			log.info("{} replied on {}: announced as a community reply", Masking.phone(phone), channel);
		}
		return Outcome.NO_KEYWORD;
	}

	/**
	 * Confirms an opt-out or opt-in on the channel it came on, once per reply (the id
	 * derives from the reply; a repeated reply is a duplicate or changes nothing).
	 */
	private void confirm(String id, String phone, String phoneHash, Channel channel, Outcome outcome, Instant now) {
		ReplyConfirmations sender = this.confirmations.getIfAvailable();
		String kabupaten = this.optOuts.lastKnownKabupaten(phoneHash);
		if (sender == null || kabupaten == null) {
			log.info("No confirmation to {} on {}: {}", Masking.phone(phone), channel,
					(sender == null) ? "nothing sends here" : "no kabupaten known for the phone");
			return;
		}
		String key = (id != null) ? id : now.toString();
		String confirmationId = UUID
			.nameUUIDFromBytes(("confirm|" + phoneHash + "|" + channel + "|" + outcome + "|" + key)
				.getBytes(StandardCharsets.UTF_8))
			.toString();
		sender.confirm(confirmationId, phone, phoneHash, channel, kabupaten, (outcome == Outcome.OPTED_OUT)
				? ReplyConfirmations.optedOutText(channel) : ReplyConfirmations.optedInText(channel));
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
