package id.go.kalteng.kim.contracts.group;

import id.go.kalteng.kim.contracts.KimEvent;

/**
 * Events of the group aggregate (a KIM group with its members), published on
 * {@code kim.group.events} keyed by group id.
 */
public sealed interface GroupEvent extends KimEvent
		permits GroupRegisteredEvent, GroupUpdatedEvent, GroupStatusChange, MemberJoinedEvent, MemberUpdatedEvent,
		MemberConsentChangedEvent, MemberLeftEvent, MemberErasedEvent, PartnershipFormedEvent, PartnershipEndedEvent {

	/** The group the event belongs to. */
	String groupId();

	@Override
	default String aggregateId() {
		return groupId();
	}

}
