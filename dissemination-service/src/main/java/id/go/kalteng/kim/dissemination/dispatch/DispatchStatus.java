package id.go.kalteng.kim.dissemination.dispatch;

import java.util.Arrays;
import java.util.List;

/** Where a dispatched message is; it only ever moves forward. */
public enum DispatchStatus {

	/** Requested from the notification service. */
	QUEUED,

	/** Handed to the provider. */
	SENT,

	/** Delivered to the phone. */
	DELIVERED,

	/** Read by the recipient. */
	READ,

	/** Could not be delivered (terminal). */
	FAILED,

	/** Not sent, e.g. opted out (terminal). */
	SUPPRESSED;

	/**
	 * The statuses a dispatch may be in to move to this one.
	 * @return the earlier statuses
	 */
	public List<DispatchStatus> reachableFrom() {
		return switch (this) {
			case QUEUED -> List.of();
			case SENT, DELIVERED, READ -> Arrays.stream(values()).filter((s) -> s.ordinal() < ordinal()).toList();
			case FAILED, SUPPRESSED -> List.of(QUEUED, SENT);
		};
	}

}
