package id.go.kalteng.kim.contracts.forum;

import id.go.kalteng.kim.contracts.KimEvent;

/**
 * Events of a Forum KIM (one per kabupaten/kota and one for the province), published by
 * group-service on {@code kim.group.events} keyed by forum id.
 */
public sealed interface ForumEvent extends KimEvent permits ForumEstablishedEvent, ForumUpdatedEvent {

	/** The forum the event belongs to. */
	String forumId();

	@Override
	default String aggregateId() {
		return forumId();
	}

}
