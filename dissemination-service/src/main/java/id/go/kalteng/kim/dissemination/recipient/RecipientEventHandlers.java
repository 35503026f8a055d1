package id.go.kalteng.kim.dissemination.recipient;

import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.group.GroupActivatedEvent;
import id.go.kalteng.kim.contracts.group.GroupDissolvedEvent;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.contracts.group.GroupReinstatedEvent;
import id.go.kalteng.kim.contracts.group.GroupReturnedToFormingEvent;
import id.go.kalteng.kim.contracts.group.GroupStatusChange;
import id.go.kalteng.kim.contracts.group.GroupSuspendedEvent;
import id.go.kalteng.kim.contracts.group.GroupUpdatedEvent;
import id.go.kalteng.kim.contracts.group.MemberConsentChangedEvent;
import id.go.kalteng.kim.contracts.group.MemberErasedEvent;
import id.go.kalteng.kim.contracts.group.MemberJoinedEvent;
import id.go.kalteng.kim.contracts.group.MemberLeftEvent;
import id.go.kalteng.kim.contracts.group.MemberUpdatedEvent;
import id.go.kalteng.kim.contracts.group.PersonErasedEvent;
import id.go.kalteng.kim.support.messaging.EventDispatcher;
import id.go.kalteng.kim.support.messaging.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The handlers of {@code kim.group.events} (group {@code dissemination-service}): one
 * routing consumer for the topic, {@code projectRecipients}, hands each event type to its
 * handler, and each handler makes one call into the {@link RecipientProjection} or the
 * {@link PersonErasure}. A group's status is the one its event carries.
 */
@Configuration(proxyBeanMethods = false)
class RecipientEventHandlers {

	private final RecipientProjection projection;

	private final PersonErasure erasure;

	RecipientEventHandlers(RecipientProjection projection, PersonErasure erasure) {
		this.projection = projection;
		this.erasure = erasure;
	}

	/**
	 * A poll's events at once (the binding is in batch mode): a run of MemberJoined
	 * events, as a roster import causes, is one bulk write of the recipients; every other
	 * event is one call. {@code Message<?>}: the payload is the records' bytes as they
	 * came.
	 */
	@Bean
	Consumer<Message<?>> projectRecipients(ProcessedEvents processed, JsonMapper json, MeterRegistry meters) {
		EventDispatcher dispatcher = EventDispatcher.builder("dissemination-projection", processed, json, meters)
			.on(GroupRegisteredEvent.class, this::onGroupRegistered)
			.on(GroupUpdatedEvent.class, this::onGroupUpdated)
			.on(GroupActivatedEvent.class, this::onGroupStatusChanged)
			.on(GroupReturnedToFormingEvent.class, this::onGroupStatusChanged)
			.on(GroupSuspendedEvent.class, this::onGroupStatusChanged)
			.on(GroupReinstatedEvent.class, this::onGroupStatusChanged)
			.on(GroupDissolvedEvent.class, this::onGroupStatusChanged)
			.onBatch(MemberJoinedEvent.class, this.projection::membersJoined)
			.on(MemberUpdatedEvent.class, this::onMemberUpdated)
			.on(MemberConsentChangedEvent.class, this::onMemberConsentChanged)
			.on(MemberLeftEvent.class, this::onMemberLeft)
			.on(MemberErasedEvent.class, this::onMemberErased)
			.on(PersonErasedEvent.class, this::onPersonErased)
			.build();
		return dispatcher::dispatchBatch;
	}

	void onGroupRegistered(GroupRegisteredEvent event) {
		this.projection.groupRegistered(event);
	}

	void onGroupUpdated(GroupUpdatedEvent event) {
		this.projection.groupUpdated(event);
	}

	void onGroupStatusChanged(GroupStatusChange event) {
		this.projection.groupStatusChanged(event.groupId(), event.kabupaten(), event.status());
	}

	void onMemberUpdated(MemberUpdatedEvent event) {
		this.projection.memberUpdated(event);
	}

	void onMemberConsentChanged(MemberConsentChangedEvent event) {
		this.projection.consentChanged(event);
	}

	void onMemberLeft(MemberLeftEvent event) {
		this.projection.removeMember(event.memberId());
	}

	void onMemberErased(MemberErasedEvent event) {
		this.projection.removeMember(event.memberId());
	}

	void onPersonErased(PersonErasedEvent event) {
		this.erasure.forget(event.phoneHash());
	}

}
