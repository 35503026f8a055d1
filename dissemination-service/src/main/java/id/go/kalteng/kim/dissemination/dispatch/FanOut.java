package id.go.kalteng.kim.dissemination.dispatch;

import java.time.Clock;
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
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Fans an approved broadcast out to its recipients: one {@link Dispatch} per recipient,
 * inserted in batches that skip existing ids, so a redelivery only adds what is missing;
 * then the broadcast is marked as sending.
 */
@Service
class FanOut {

	static final int BATCH = 500;

	private static final Logger log = LoggerFactory.getLogger(FanOut.class);

	private final AggregateStore store;

	private final ActiveRecipients recipients;

	private final BroadcastService broadcasts;

	private final PhonePseudonyms pseudonyms;

	private final Clock clock;

	FanOut(AggregateStore store, ActiveRecipients recipients, BroadcastService broadcasts, PhonePseudonyms pseudonyms,
			Clock clock) {
		this.store = store;
		this.recipients = recipients;
		this.broadcasts = broadcasts;
		this.pseudonyms = pseudonyms;
		this.clock = clock;
	}

	void fanOut(BroadcastApprovedEvent event) {
		List<Channel> channels = event.channels().stream().map(Channel::valueOf).toList();
		List<Recipient> candidates = this.recipients.recipientsOfActiveGroups(event.target().kabupaten());
		Targeting.Selection selection = Targeting.select(candidates,
				new HashSet<>(candidates.stream().map(Recipient::groupId).toList()), event.target(), channels);
		Instant now = this.clock.instant();
		List<Dispatch> batch = new ArrayList<>(BATCH);
		int inserted = 0;
		for (Targeting.Chosen chosen : selection.chosen()) {
			Recipient recipient = chosen.recipient();
			batch.add(Dispatch.queue(event.broadcastId(), recipient.memberId(), recipient.phone(),
					this.pseudonyms.of(recipient.phone()), chosen.channel().name(), recipient.kabupaten(),
					event.message(), event.priority(), now));
			if (batch.size() == BATCH) {
				inserted += this.store.insertAllIgnoringExisting(batch);
				batch = new ArrayList<>(BATCH);
			}
		}
		inserted += this.store.insertAllIgnoringExisting(batch);
		this.broadcasts.markSending(event.broadcastId(), selection.chosen().size());
		log.info("broadcast {} fanned out: {} recipients ({} new), {} suppressed", event.broadcastId(),
				selection.chosen().size(), inserted, selection.suppressed());
	}

}
