package id.go.kalteng.kim.dissemination.broadcast;

/** The lifecycle of a broadcast. */
public enum BroadcastStatus {

	/** Being written. */
	DRAFT,

	/** Waiting for a second operator. */
	PENDING_APPROVAL,

	/** Approved; fan-out pending. */
	APPROVED,

	/** Fanned out to its recipients. */
	SENDING,

	/** Sent back by the reviewer. */
	REJECTED,

	/** Withdrawn before approval. */
	CANCELLED

}
