package id.go.kalteng.kim.notification.tracking;

/**
 * Where a notification stands. Statuses only move forward: a delivery report that arrives
 * late (SENT after DELIVERED) changes nothing, one that arrives early (DELIVERED before
 * SENT) is kept. {@link #SENDING} and {@link #UNKNOWN} are internal: to the outside (the
 * status events) such a notification is still {@link #QUEUED}, since nobody knows that it
 * was sent.
 */
public enum NotificationStatus {

	/** Waiting for a worker (again, after a failed attempt). */
	QUEUED(0),
	/** Claimed by a worker that is sending it; published as QUEUED. */
	SENDING(1),
	/**
	 * The provider may or may not have taken the message (it timed out after the request
	 * went out, or the worker died while sending) and cannot deduplicate a second send,
	 * so none is made: a delivery report settles it. Published as QUEUED.
	 */
	UNKNOWN(1),
	/** Accepted by the provider. */
	SENT(2),
	/** Reached the phone. */
	DELIVERED(3),
	/** Read by the recipient (WhatsApp). */
	READ(4),
	/**
	 * Will not be delivered: attempts exhausted, refused by the provider or reported
	 * failed.
	 */
	FAILED(-1),
	/** Not sent on purpose: the recipient opted out of the channel, or was erased. */
	SUPPRESSED(-1),
	/**
	 * Not sent: its source (a broadcast) was cancelled before the message was handed to a
	 * provider.
	 */
	CANCELLED(-1),
	/** Not sent: its {@code expiresAt} passed before it was handed to a provider. */
	EXPIRED(-1);

	private final int progress;

	NotificationStatus(int progress) {
		this.progress = progress;
	}

	/** FAILED, SUPPRESSED, CANCELLED and EXPIRED end a notification. */
	public boolean isFinal() {
		return this.progress < 0;
	}

	/**
	 * The status the outside sees: a notification being sent, or whose send has an
	 * unknown outcome, is still queued.
	 */
	public NotificationStatus published() {
		return (this == SENDING || this == UNKNOWN) ? QUEUED : this;
	}

	/**
	 * Whether a notification may move from this status to the next one. Going back to
	 * QUEUED after a failed attempt is not a move of its own: that is the release of a
	 * worker's claim, and the published status stays QUEUED throughout.
	 */
	public boolean canAdvanceTo(NotificationStatus next) {
		if (isFinal() || next == this) {
			return false;
		}
		return switch (next) {
			case QUEUED -> false;
			case SENDING -> this == QUEUED;
			case UNKNOWN -> this == SENDING;
			// never once a provider may have it (UNKNOWN) or took it
			case SUPPRESSED, CANCELLED, EXPIRED -> this == QUEUED || this == SENDING;
			// a provider may fail what it accepted, but not what it delivered
			case FAILED -> this.progress <= SENT.progress;
			default -> next.progress > this.progress;
		};
	}

}
