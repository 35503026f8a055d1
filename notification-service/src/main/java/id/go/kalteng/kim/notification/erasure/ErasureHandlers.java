package id.go.kalteng.kim.notification.erasure;

import id.go.kalteng.kim.contracts.group.MemberErasedEvent;
import id.go.kalteng.kim.contracts.group.PersonErasedEvent;

import org.springframework.stereotype.Component;

/** group-service's erasures, each one call into {@link Erasures}. */
@Component
class ErasureHandlers {

	private final Erasures erasures;

	ErasureHandlers(Erasures erasures) {
		this.erasures = erasures;
	}

	/** A member was erased: forget it by its member id. */
	void onMemberErased(MemberErasedEvent event) {
		this.erasures.eraseMember(event.memberId(), event.groupId(), event.kabupaten(), event.erasedAt());
	}

	/** A person was erased by phone number: forget every copy of the number. */
	void onPersonErased(PersonErasedEvent event) {
		this.erasures.erasePerson(event.phoneHash(), event.erasedAt());
	}

}
