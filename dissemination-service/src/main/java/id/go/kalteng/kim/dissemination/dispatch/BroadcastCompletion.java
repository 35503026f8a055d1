package id.go.kalteng.kim.dissemination.dispatch;

import id.go.kalteng.kim.dissemination.broadcast.BroadcastService;

import org.springframework.stereotype.Service;

/**
 * Ends a sending broadcast COMPLETED once every one of its messages is final: asked after
 * a poll's status events moved some of its dispatches to a final status, and when its
 * fan-out finishes. One read of its counter document and one of the broadcast, both by
 * {@code _id}; the change is the broadcast's compare-and-set, so it happens once.
 */
@Service
class BroadcastCompletion {

	private final DispatchCounts counts;

	private final BroadcastService broadcasts;

	BroadcastCompletion(DispatchCounts counts, BroadcastService broadcasts) {
		this.counts = counts;
		this.broadcasts = broadcasts;
	}

	/**
	 * Completes the broadcast if all its messages are final.
	 * @param broadcastId the broadcast
	 * @return whether it completed now
	 */
	boolean check(String broadcastId) {
		return this.broadcasts.completeIfDone(broadcastId, this.counts.finalCount(broadcastId));
	}

}
