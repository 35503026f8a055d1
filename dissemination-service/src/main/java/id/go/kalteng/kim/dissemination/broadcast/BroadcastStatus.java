package id.go.kalteng.kim.dissemination.broadcast;

import java.util.Set;

/**
 * The lifecycle of a broadcast: DRAFT → PENDING_APPROVAL → APPROVED (or SCHEDULED until
 * its {@code scheduledAt}, then APPROVED) → SENDING → COMPLETED; REJECTED (back to its
 * author), CANCELLED, EXPIRED.
 */
public enum BroadcastStatus {

	/** Being written. */
	DRAFT,

	/** Waiting for a second operator. */
	PENDING_APPROVAL,

	/** Approved; fan-out pending (its approval event is out). */
	APPROVED,

	/** Approved, waiting for its {@code scheduledAt}. */
	SCHEDULED,

	/** Being fanned out, or fanned out and waiting for every message's final status. */
	SENDING,

	/**
	 * Every recipient's message is final, or its {@code expiresAt} passed while sending.
	 */
	COMPLETED,

	/** Sent back by the reviewer. */
	REJECTED,

	/** Withdrawn; in flight, every message not yet handed to a provider is stopped. */
	CANCELLED,

	/** Its {@code expiresAt} passed before its fan-out began: nothing was sent. */
	EXPIRED;

	/**
	 * Statuses after which the broadcast changes no more (REJECTED may be edited again).
	 */
	public static final Set<BroadcastStatus> ENDED = Set.of(COMPLETED, CANCELLED, EXPIRED);

	/**
	 * Whether the broadcast has ended.
	 * @return true for COMPLETED, CANCELLED and EXPIRED
	 */
	public boolean ended() {
		return ENDED.contains(this);
	}

}
