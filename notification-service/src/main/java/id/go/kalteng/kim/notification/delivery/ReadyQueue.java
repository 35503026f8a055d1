package id.go.kalteng.kim.notification.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;

/**
 * The notifications of one channel that this process knows to be QUEUED, in memory: the
 * due ones in sending order (URGENT before NORMAL, then oldest), the others until their
 * next attempt is due. Fed by intake after its insert, by retries and by the recovery
 * scan; what it holds is a hint, the database decides: a claim is a compare-and-set by
 * {@code _id} and version ({@link NotificationQueue#claim(List, String, Instant)}), so a
 * stale entry costs one lost claim and nothing else. An entry taken for a claim stays
 * known (in flight) until its send is over, so the recovery scan does not offer it again.
 */
final class ReadyQueue {

	static final Comparator<Entry> SENDING_ORDER = Comparator.comparingInt(Entry::priorityRank)
		.thenComparing(Entry::requestedAt)
		.thenComparing(Entry::id);

	private final PriorityQueue<Entry> ready = new PriorityQueue<>(SENDING_ORDER);

	private final PriorityQueue<Entry> waiting = new PriorityQueue<>(
			Comparator.comparing(Entry::dueAt).thenComparing(SENDING_ORDER));

	/** The entries held, ready or waiting, by id. */
	private final Map<String, Entry> queued = new HashMap<>();

	private final Set<String> inFlight = new HashSet<>();

	/**
	 * The ids whose send (or claim) ended since a recovery scan began reading, null while
	 * none reads: the scan's copy of such a notification may be the QUEUED one from
	 * before its send, so it is not offered again (see {@link #offerScanned}).
	 */
	private Set<String> endedDuringScan;

	/**
	 * Adds a QUEUED notification unless it is known already (queued or in flight).
	 * @return whether it was added
	 */
	synchronized boolean offer(Entry entry) {
		if (this.inFlight.contains(entry.id()) || this.queued.containsKey(entry.id())) {
			return false;
		}
		this.queued.put(entry.id(), entry);
		this.waiting.add(entry);
		return true;
	}

	/**
	 * Whether the notification is queued here or in flight (an offer would be refused).
	 */
	synchronized boolean knows(String id) {
		return this.inFlight.contains(id) || this.queued.containsKey(id);
	}

	/**
	 * Takes up to {@code max} due entries, most urgent and oldest first; they are in
	 * flight until {@link #done}.
	 */
	synchronized List<Entry> take(int max, Instant now) {
		return take(max, now, Integer.MAX_VALUE);
	}

	/**
	 * Takes up to {@code max} due entries of at most the given priority rank (quiet hours
	 * take only URGENT ones: the NORMAL ones stay, in their order, until the hours end),
	 * most urgent and oldest first; they are in flight until {@link #done}.
	 */
	synchronized List<Entry> take(int max, Instant now, int maxRank) {
		while (!this.waiting.isEmpty() && !this.waiting.peek().dueAt().isAfter(now)) {
			this.ready.add(this.waiting.poll());
		}
		List<Entry> taken = new ArrayList<>(Math.min(max, this.ready.size()));
		while (taken.size() < max && !this.ready.isEmpty() && this.ready.peek().priorityRank() <= maxRank) {
			Entry entry = this.ready.poll();
			this.queued.remove(entry.id());
			this.inFlight.add(entry.id());
			taken.add(entry);
		}
		return taken;
	}

	/** The send of an entry taken is over (or its claim was lost). */
	synchronized void done(Collection<String> ids) {
		for (String id : ids) {
			done(id);
		}
	}

	synchronized void done(String id) {
		if (this.inFlight.remove(id) && this.endedDuringScan != null) {
			this.endedDuringScan.add(id);
		}
	}

	/**
	 * A recovery scan begins reading: from now until {@link #offerScanned}, the ids whose
	 * send ends are remembered.
	 */
	synchronized void scanStarting() {
		this.endedDuringScan = new HashSet<>();
	}

	/**
	 * Offers what a recovery scan read as QUEUED, except the notifications whose send
	 * ended since the scan began: the scan may have read them before their claim (a stale
	 * copy, which would cost a lost claim, taken first as the oldest, while the pace
	 * waits), and one that really is QUEUED again was offered by its own send (a retry)
	 * or is found by the next scan.
	 * @return how many were added
	 */
	synchronized int offerScanned(Collection<Entry> entries) {
		Set<String> ended = (this.endedDuringScan != null) ? this.endedDuringScan : Set.of();
		this.endedDuringScan = null;
		int added = 0;
		for (Entry entry : entries) {
			if (!ended.contains(entry.id()) && offer(entry)) {
				added++;
			}
		}
		return added;
	}

	/** When the next waiting entry falls due, if any waits. */
	synchronized Optional<Instant> nextDue() {
		return nextDue(Integer.MAX_VALUE);
	}

	/**
	 * When the next entry of at most the given rank falls due (now, when one is ready),
	 * if any waits.
	 */
	synchronized Optional<Instant> nextDue(int maxRank) {
		if (!this.ready.isEmpty() && this.ready.peek().priorityRank() <= maxRank) {
			return Optional.of(Instant.MIN);
		}
		return this.waiting.stream()
			.filter((e) -> e.priorityRank() <= maxRank)
			.map(Entry::dueAt)
			.min(Instant::compareTo);
	}

	synchronized int size() {
		return this.queued.size();
	}

	synchronized int inFlight() {
		return this.inFlight.size();
	}

	/**
	 * What the queue needs to know of a QUEUED notification: its id and version (the
	 * claim's compare-and-set), its sending order, when it is due, and its source (a
	 * cancelled source's entries are dropped without a claim).
	 */
	record Entry(String id, long version, int priorityRank, Instant requestedAt, Instant dueAt, String sourceKey) {

		Entry(String id, long version, int priorityRank, Instant requestedAt, Instant dueAt) {
			this(id, version, priorityRank, requestedAt, dueAt, null);
		}

		/** The entry of a notification as loaded or saved, if it is QUEUED. */
		static Optional<Entry> of(Notification notification) {
			if (notification.getStatus() != NotificationStatus.QUEUED) {
				return Optional.empty();
			}
			return Optional
				.of(new Entry(notification.getId(), notification.getVersion(), notification.getPriority().rank(),
						notification.getRequestedAt(), notification.getNextAttemptAt(), notification.sourceKey()));
		}

		/**
		 * The entry of a notification just inserted as new: its version in the database
		 * is the first, whatever the copy in hand says.
		 */
		static Optional<Entry> ofInserted(Notification notification) {
			return of(notification).map((entry) -> new Entry(entry.id(), Math.max(1L, entry.version()),
					entry.priorityRank(), entry.requestedAt(), entry.dueAt(), entry.sourceKey()));
		}

	}

}
