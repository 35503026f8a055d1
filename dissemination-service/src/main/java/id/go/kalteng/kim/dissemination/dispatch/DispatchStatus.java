package id.go.kalteng.kim.dissemination.dispatch;

import java.util.Arrays;
import java.util.List;

/**
 * Where a dispatched message is; it only ever moves forward. Final statuses
 * ({@link #isFinal()}): nothing follows them, so a broadcast whose messages are all final
 * is COMPLETED.
 */
public enum DispatchStatus {

	/** Requested from the notification service. */
	QUEUED,

	/** Handed to the provider; a delivery report may follow. */
	SENT,

	/**
	 * Handed to a provider or channel that gives no delivery reports (the status event
	 * said {@code terminal}): final. Shown as {@code sent}.
	 */
	SENT_FINAL,

	/** Delivered to the phone. */
	DELIVERED,

	/** Read by the recipient. */
	READ,

	/** Could not be delivered (terminal). */
	FAILED,

	/** Not sent, e.g. opted out (terminal). */
	SUPPRESSED,

	/** Not sent: its broadcast was cancelled before it reached a provider (terminal). */
	CANCELLED,

	/**
	 * Not sent: its broadcast's {@code expiresAt} passed before it reached a provider.
	 */
	EXPIRED;

	/**
	 * The statuses a dispatch may be in to move to this one.
	 * @return the earlier statuses
	 */
	public List<DispatchStatus> reachableFrom() {
		return switch (this) {
			case QUEUED -> List.of();
			case SENT, SENT_FINAL, DELIVERED, READ ->
				Arrays.stream(values()).filter((s) -> s.ordinal() < ordinal()).toList();
			case FAILED -> List.of(QUEUED, SENT, SENT_FINAL);
			case SUPPRESSED -> List.of(QUEUED, SENT);
			case CANCELLED, EXPIRED -> List.of(QUEUED);
		};
	}

	/**
	 * Whether no later status is expected.
	 * @return false for QUEUED and SENT only
	 */
	public boolean isFinal() {
		return this != QUEUED && this != SENT;
	}

}
