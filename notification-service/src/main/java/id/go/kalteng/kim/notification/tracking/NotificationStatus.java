package id.go.kalteng.kim.notification.tracking;

/**
 * Where a notification stands. Statuses only move forward: a delivery report that arrives
 * late (SENT after DELIVERED) changes nothing, one that arrives early (DELIVERED before
 * SENT) is kept. {@link #SENDING} is internal: a worker holds the notification; to the
 * outside it is still {@link #QUEUED}.
 */
public enum NotificationStatus {

	/** Waiting for a worker (again, after a failed attempt). */
	QUEUED(0),
	/** Claimed by a worker that is sending it; published as QUEUED. */
	SENDING(1),
	/** Accepted by the provider. */
	SENT(2),
	/** Reached the phone. */
	DELIVERED(3),
	/** Read by the recipient (WhatsApp). */
	READ(4),
	/** Will not be delivered: attempts exhausted, refused, or outcome unknown. */
	FAILED(-1),
	/** Not sent on purpose: the recipient opted out of the channel, or was erased. */
	SUPPRESSED(-1);

	private final int progress;

	NotificationStatus(int progress) {
		this.progress = progress;
	}

	/** FAILED and SUPPRESSED end a notification. */
	public boolean isFinal() {
		return this.progress < 0;
	}

	/** The status the outside sees: a notification being sent is still queued. */
	public NotificationStatus published() {
		return (this == SENDING) ? QUEUED : this;
	}

	/** Whether this status says that the provider has taken the message. */
	public boolean confirmsSending() {
		return this.progress >= SENT.progress;
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
			case SUPPRESSED -> this == QUEUED || this == SENDING;
			// a provider may fail what it accepted, but not what it delivered
			case FAILED -> this.progress <= SENT.progress;
			default -> next.progress > this.progress;
		};
	}

}
