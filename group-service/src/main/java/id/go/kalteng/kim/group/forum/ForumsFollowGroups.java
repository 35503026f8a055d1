package id.go.kalteng.kim.group.forum;

import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.group.GroupDissolvedEvent;
import id.go.kalteng.kim.contracts.group.MemberErasedEvent;
import id.go.kalteng.kim.contracts.group.MemberLeftEvent;
import id.go.kalteng.kim.support.messaging.EventDispatcher;
import id.go.kalteng.kim.support.messaging.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Keeps forums in step with the register through the register's own events, each by one
 * call into {@link ForumService}: a member who leaves or is erased stops coordinating, a
 * dissolved group leaves its forums. Through the outbox, a crash between the group's
 * write and the forum's cannot lose the clean-up. The three types share one binding
 * ({@code onGroupOrMemberGone-in-0}, topic {@code kim.group.events}, group
 * {@code group-service-forums}), so one consumer bean routes them by type.
 */
@Configuration(proxyBeanMethods = false)
class ForumsFollowGroups {

	private final ForumService forums;

	ForumsFollowGroups(ForumService forums) {
		this.forums = forums;
	}

	@Bean
	Consumer<Message<byte[]>> onGroupOrMemberGone(ProcessedEvents processed, JsonMapper json, MeterRegistry meters) {
		EventDispatcher dispatcher = EventDispatcher.builder("group-forums", processed, json, meters)
			.on(MemberLeftEvent.class, this::onMemberLeft)
			.on(MemberErasedEvent.class, this::onMemberErased)
			.on(GroupDissolvedEvent.class, this::onGroupDissolved)
			.build();
		return dispatcher::dispatch;
	}

	void onMemberLeft(MemberLeftEvent event) {
		this.forums.dropMember(event.groupId(), event.memberId());
	}

	void onMemberErased(MemberErasedEvent event) {
		this.forums.dropMember(event.groupId(), event.memberId());
	}

	void onGroupDissolved(GroupDissolvedEvent event) {
		this.forums.dropGroup(event.groupId());
	}

}
