package id.go.kalteng.kim.dissemination.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import id.go.kalteng.kim.contracts.dissemination.BroadcastApprovedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent.WhatsAppTemplate;
import id.go.kalteng.kim.dissemination.broadcast.Broadcast;
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
 * Fans an approved broadcast out to its recipients: they stream from the projection in
 * the order of their number's keyed hash (every membership of a phone in one run, so one
 * message per phone is chosen without remembering earlier phones, and never the whole
 * list in memory); one {@link Dispatch} per chosen recipient, inserted in batches of
 * {@value #BATCH} that skip existing ids, and, once a batch is stored, its notification
 * requests handed to Kafka straight away (URGENT ones to their own topic,
 * {@link NotificationRequestedEvent#topicFor}) and the broadcast's recipient count raised
 * to what is requested so far, so progress shows from the first batch. Before each batch
 * the broadcast is read again (by {@code _id}): once it is cancelled or past its
 * {@code expiresAt} the rest is not requested, only counted (as cancelled or expired).
 * When the broker has acknowledged every request, the fan-out is marked done.
 * <p>
 * A failure anywhere (database, broker, a crash) leaves the approval unprocessed, so it
 * is consumed again and the whole fan-out redone in the same order: existing dispatches
 * are skipped, every request is published again with the same notification id and event
 * id, and notification-service keeps one notification per id. A repeated approval of a
 * broadcast fanned out or ended does nothing ({@link Broadcast#needsFanOut()}).
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

	private final FanOutLanes lanes;

	private final BroadcastCompletion completion;

	private final Clock clock;

	/**
	 * The most chosen recipients a fan-out held at once (tests: the buffer is bounded).
	 */
	private final AtomicInteger peakBuffered = new AtomicInteger();

	private volatile BatchHook afterBatch = (broadcastId, requested) -> {
	};

	FanOut(AggregateStore store, ActiveRecipients recipients, BroadcastService broadcasts, PhonePseudonyms pseudonyms,
			DirectEvents events, FanOutLanes lanes, BroadcastCompletion completion, Clock clock) {
		this.store = store;
		this.events = events;
		this.recipients = recipients;
		this.broadcasts = broadcasts;
		this.pseudonyms = pseudonyms;
		this.lanes = lanes;
		this.completion = completion;
		this.clock = clock;
	}

	/** An approval from the NORMAL lane's consumer. */
	void fanOutNormal(BroadcastApprovedEvent event) {
		if (!"URGENT".equals(event.priority())) {
			fanOut(event);
		}
	}

	/** An approval from the URGENT lane's consumer. */
	void fanOutUrgent(BroadcastApprovedEvent event) {
		if ("URGENT".equals(event.priority())) {
			this.lanes.urgentStarted();
			try {
				fanOut(event);
			}
			finally {
				this.lanes.urgentEnded();
			}
		}
	}

	void fanOut(BroadcastApprovedEvent event) {
		long started = System.nanoTime();
		Broadcast broadcast = this.broadcasts.find(event.broadcastId())
			.orElseThrow(() -> new IllegalStateException("approved broadcast " + event.broadcastId() + " not found"));
		// ended (cancelled, expired) before its fan-out went through: its recipients are
		// counted, not requested
		boolean countOnly = !broadcast.needsFanOut() && Boolean.FALSE.equals(broadcast.getFanOutDone())
				&& broadcast.getStatus().ended();
		if (!broadcast.needsFanOut() && !countOnly) {
			log.info("broadcast {} is {}: no fan-out", event.broadcastId(), broadcast.getStatus());
			return;
		}
		Run run = new Run(event, broadcast);
		run.stopped = countOnly;
		try (Stream<Recipient> candidates = this.recipients.streamOfActiveGroups(event.target().kabupaten(),
				event.target().groups())) {
			run.go(candidates.iterator());
		}
		long acknowledging = System.nanoTime();
		run.requests.awaitAll(SEND_TIMEOUT);
		long finishing = System.nanoTime();
		this.broadcasts.fanOutFinished(event.broadcastId(), run.chosen, run.unsent);
		this.completion.check(event.broadcastId());
		long ended = System.nanoTime();
		log.info(
				"broadcast {} fanned out: {} recipients ({} new, {} not requested: cancelled or expired),"
						+ " {} suppressed, of {} candidates; in {} ms: candidates read and chosen {} ms,"
						+ " broadcast checked {} ms, dispatches stored {} ms, requests handed to the producer {} ms,"
						+ " recipient count raised {} ms, last acknowledgement awaited {} ms, finished {} ms",
				event.broadcastId(), run.chosen, run.inserted, run.unsent, run.suppressed, run.candidates,
				millis(ended - started),
				millis(acknowledging - started - run.checking - run.storing - run.handing - run.counting),
				millis(run.checking), millis(run.storing), millis(run.handing), millis(run.counting),
				millis(finishing - acknowledging), millis(ended - finishing));
	}

	private static long millis(long nanos) {
		return nanos / 1_000_000;
	}

	/** The most chosen recipients one fan-out held at once, since the start. */
	int peakBuffered() {
		return this.peakBuffered.get();
	}

	/** For tests: runs after each batch is requested, with the count requested so far. */
	void afterBatch(BatchHook hook) {
		this.afterBatch = hook;
	}

	/** Runs after a batch of a broadcast is requested (tests). */
	@FunctionalInterface
	interface BatchHook {

		/**
		 * A batch was requested.
		 * @param broadcastId the broadcast
		 * @param requested its recipients requested so far
		 */
		void requested(String broadcastId, int requested);

	}

	/** One fan-out's pass over the recipients. */
	private final class Run {

		private final BroadcastApprovedEvent event;

		private final List<Channel> channels;

		private final WhatsAppTemplate template;

		private final Instant expiresAt;

		private final boolean urgent;

		private final DirectEvents.Sending requests = FanOut.this.events.sending();

		private final List<Dispatch> batch = new ArrayList<>(BATCH);

		private final List<String> phones = new ArrayList<>(BATCH);

		private final List<List<String>> fallbacks = new ArrayList<>(BATCH);

		private int chosen;

		private int requested;

		private int inserted;

		private int unsent;

		private int suppressed;

		private long candidates;

		private boolean stopped;

		/** Where the flushes' time went (nanoseconds), for the fan-out's log line. */
		private long checking;

		private long storing;

		private long handing;

		private long counting;

		Run(BroadcastApprovedEvent event, Broadcast broadcast) {
			this.event = event;
			this.channels = event.channels().stream().map(Channel::valueOf).toList();
			this.template = broadcast.getWhatsappTemplate();
			this.expiresAt = broadcast.getExpiresAt();
			this.urgent = "URGENT".equals(event.priority());
		}

		void go(Iterator<Recipient> candidates) {
			this.candidates += Targeting.eachPhone(candidates, this::choose);
			flush();
		}

		/** One phone's memberships (all of them matching or not): at most one message. */
		private void choose(List<Recipient> samePhone) {
			Targeting.Selection selection = Targeting.select(samePhone, Targeting.ANY_GROUP, this.event.target(),
					this.channels);
			this.suppressed += selection.suppressed();
			for (Targeting.Chosen one : selection.chosen()) {
				this.chosen++;
				if (this.stopped) {
					this.unsent++;
					continue;
				}
				Recipient recipient = one.recipient();
				this.batch.add(Dispatch.queue(this.event.broadcastId(), recipient.memberId(),
						FanOut.this.pseudonyms.of(recipient.phone()), one.channel().name(), recipient.kabupaten()));
				this.phones.add(recipient.phone());
				this.fallbacks.add(Targeting.fallbacksFor(recipient, this.channels, one.channel()));
				FanOut.this.peakBuffered.accumulateAndGet(this.batch.size(), Math::max);
				if (this.batch.size() == BATCH) {
					flush();
				}
			}
		}

		/** Stores the batch and requests its messages, unless the broadcast must stop. */
		private void flush() {
			if (this.batch.isEmpty()) {
				return;
			}
			if (!this.urgent) {
				FanOut.this.lanes.yieldToUrgent();
			}
			Instant now = FanOut.this.clock.instant();
			long checked = System.nanoTime();
			Broadcast current = FanOut.this.broadcasts.find(this.event.broadcastId()).orElse(null);
			long stored = System.nanoTime();
			this.checking += stored - checked;
			if (current == null || current.fanOutMustStop(now)) {
				this.stopped = true;
				this.unsent += this.batch.size();
				clear();
				return;
			}
			this.inserted += FanOut.this.store.insertAllIgnoringExisting(this.batch);
			long handed = System.nanoTime();
			this.storing += handed - stored;
			String topic = NotificationRequestedEvent.topicFor(this.event.priority());
			for (int i = 0; i < this.batch.size(); i++) {
				Dispatch dispatch = this.batch.get(i);
				this.requests.send(
						dispatch.request(this.phones.get(i), this.event.message(), this.event.priority(), now,
								this.template, this.fallbacks.get(i), this.expiresAt),
						dispatch.requestEventId(), topic);
			}
			this.requested += this.batch.size();
			clear();
			long counted = System.nanoTime();
			this.handing += counted - handed;
			FanOut.this.broadcasts.dispatched(this.event.broadcastId(), this.requested);
			this.counting += System.nanoTime() - counted;
			FanOut.this.afterBatch.requested(this.event.broadcastId(), this.requested);
		}

		private void clear() {
			this.batch.clear();
			this.phones.clear();
			this.fallbacks.clear();
		}

	}

}
