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
 * Keeps forums in step with the register through the register's own events (binding
 * {@code onGroupEvent-in-0}, group {@code group-service-forums}): a member who leaves or
 * is erased stops coordinating, a dissolved group leaves its forums. Through the outbox,
 * a crash between the group's write and the forum's cannot lose the clean-up.
 */
@Configuration(proxyBeanMethods = false)
class ForumsFollowGroups {

	@Bean
	Consumer<Message<byte[]>> onGroupEvent(ForumService forums, ProcessedEvents processed, JsonMapper json,
			MeterRegistry meters) {
		EventDispatcher dispatcher = EventDispatcher.builder("group-forums", processed, json, meters)
			.on(MemberLeftEvent.class, (MemberLeftEvent e) -> forums.dropMember(e.groupId(), e.memberId()))
			.on(MemberErasedEvent.class, (MemberErasedEvent e) -> forums.dropMember(e.groupId(), e.memberId()))
			.on(GroupDissolvedEvent.class, (GroupDissolvedEvent e) -> forums.dropGroup(e.groupId()))
			.build();
		return dispatcher::dispatch;
	}

}
