package id.go.kalteng.kim.contracts.dissemination;

import id.go.kalteng.kim.contracts.KimEvent;

/** Events of the broadcast aggregate, published on {@code kim.dissemination.events}. */
public sealed interface BroadcastEvent extends KimEvent permits BroadcastApprovedEvent, BroadcastCancelledEvent {

	/** The broadcast the event belongs to. */
	String broadcastId();

	@Override
	default String aggregateId() {
		return broadcastId();
	}

}
