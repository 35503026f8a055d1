package id.go.kalteng.kim.dissemination.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import id.go.kalteng.kim.contracts.dissemination.BroadcastApprovedEvent;
import id.go.kalteng.kim.dissemination.broadcast.BroadcastService;
import id.go.kalteng.kim.dissemination.broadcast.Channel;
import id.go.kalteng.kim.dissemination.broadcast.Targeting;
import id.go.kalteng.kim.dissemination.recipient.ActiveRecipients;
import id.go.kalteng.kim.dissemination.recipient.Recipient;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import id.go.kalteng.kim.support.outbox.DirectEvents;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Fans an approved broadcast out to its recipients: one {@link Dispatch} per recipient,
 * inserted in batches that skip existing ids, and, once a batch is stored, its
 * notification requests handed to Kafka straight away (no outbox document: the producer
 * sends them while the next batch is written); when the broker has acknowledged every
 * request, the broadcast is marked as sending.
 * <p>
 * A failure anywhere (database, broker, a crash) leaves the approval unprocessed, so it
 * is consumed again and the whole fan-out redone: existing dispatches are skipped, every
 * request is published again with the same notification id and event id, and
 * notification-service keeps one notification per id. So every recipient's request is
 * published at least once and delivered once, and a dispatch always exists before any
 * status of its notification can arrive.
 */
@Service
class FanOut {

	static final int BATCH = 500;

	/**
	 * How long the broker may take to acknowledge the last requests (the producer's own
	 * delivery timeout is shorter; this only bounds the wait).
	 */
	static final Duration SEND_TIMEOUT = Duration.ofMinutes(2);

	private static final Logger log = LoggerFactory.getLogger(FanOut.class);

	private final AggregateStore store;

	private final ActiveRecipients recipients;

	private final BroadcastService broadcasts;

	private final PhonePseudonyms pseudonyms;

	private final DirectEvents events;

	private final Clock clock;

	FanOut(AggregateStore store, ActiveRecipients recipients, BroadcastService broadcasts, PhonePseudonyms pseudonyms,
			DirectEvents events, Clock clock) {
		this.store = store;
		this.events = events;
		this.recipients = recipients;
		this.broadcasts = broadcasts;
		this.pseudonyms = pseudonyms;
		this.clock = clock;
	}

	void fanOut(BroadcastApprovedEvent event) {
		long started = System.nanoTime();
		List<Channel> channels = event.channels().stream().map(Channel::valueOf).toList();
		List<Recipient> candidates = this.recipients.recipientsOfActiveGroups(event.target().kabupaten());
		Targeting.Selection selection = Targeting.select(candidates,
				new HashSet<>(candidates.stream().map(Recipient::groupId).toList()), event.target(), channels);
		long selected = System.nanoTime();
		Instant now = this.clock.instant();
		DirectEvents.Sending requests = this.events.sending();
		List<Dispatch> batch = new ArrayList<>(BATCH);
		List<String> phones = new ArrayList<>(BATCH);
		int inserted = 0;
		for (Targeting.Chosen chosen : selection.chosen()) {
			Recipient recipient = chosen.recipient();
			batch.add(Dispatch.queue(event.broadcastId(), recipient.memberId(), this.pseudonyms.of(recipient.phone()),
					chosen.channel().name(), recipient.kabupaten()));
			phones.add(recipient.phone());
			if (batch.size() == BATCH) {
				inserted += store(batch, phones, event, now, requests);
				batch = new ArrayList<>(BATCH);
				phones = new ArrayList<>(BATCH);
			}
		}
		inserted += store(batch, phones, event, now, requests);
		long stored = System.nanoTime();
		requests.awaitAll(SEND_TIMEOUT);
		long acknowledged = System.nanoTime();
		this.broadcasts.markSending(event.broadcastId(), selection.chosen().size());
		log.info("broadcast {} fanned out: {} recipients ({} new), {} suppressed, of {} candidates; in {} ms"
				+ " (recipients read and chosen {} ms, dispatches stored {} ms, last requests acknowledged {} ms)",
				event.broadcastId(), selection.chosen().size(), inserted, selection.suppressed(), candidates.size(),
				millis(started, System.nanoTime()), millis(started, selected), millis(selected, stored),
				millis(stored, acknowledged));
	}

	private static long millis(long from, long to) {
		return (to - from) / 1_000_000;
	}

	/** Stores a batch of dispatches, then hands their requests to the producer. */
	private int store(List<Dispatch> batch, List<String> phones, BroadcastApprovedEvent event, Instant now,
			DirectEvents.Sending requests) {
		int inserted = this.store.insertAllIgnoringExisting(batch);
		for (int i = 0; i < batch.size(); i++) {
			Dispatch dispatch = batch.get(i);
			requests.send(dispatch.request(phones.get(i), event.message(), event.priority(), now),
					dispatch.requestEventId());
		}
		return inserted;
	}

}
