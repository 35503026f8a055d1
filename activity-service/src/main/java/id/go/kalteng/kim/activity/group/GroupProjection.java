package id.go.kalteng.kim.activity.group;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.group.GroupActivatedEvent;
import id.go.kalteng.kim.contracts.group.GroupDissolvedEvent;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.contracts.group.GroupReinstatedEvent;
import id.go.kalteng.kim.contracts.group.GroupReturnedToFormingEvent;
import id.go.kalteng.kim.contracts.group.GroupSuspendedEvent;
import id.go.kalteng.kim.contracts.group.MemberErasedEvent;
import id.go.kalteng.kim.contracts.group.MemberJoinedEvent;
import id.go.kalteng.kim.contracts.group.MemberLeftEvent;
import id.go.kalteng.kim.support.messaging.EventDispatcher;
import id.go.kalteng.kim.support.messaging.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.Message;

/**
 * Projects groups from {@code kim.group.events} into {@code groups}: idempotent upserts
 * keyed by group id; members are a set, so a redelivered join or leave changes nothing.
 */
@Configuration(proxyBeanMethods = false)
public class GroupProjection {

	private final MongoTemplate mongo;

	GroupProjection(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@Bean
	Consumer<Message<byte[]>> onGroupEvent(ProcessedEvents processed, JsonMapper json, MeterRegistry meters) {
		EventDispatcher dispatcher = EventDispatcher.builder("activity-groups", processed, json, meters)
			.on(GroupRegisteredEvent.class, (GroupRegisteredEvent e) -> status(e.groupId(), e.kabupaten(), e.status()))
			.on(GroupActivatedEvent.class, (GroupActivatedEvent e) -> status(e.groupId(), e.kabupaten(), "ACTIVE"))
			.on(GroupReturnedToFormingEvent.class,
					(GroupReturnedToFormingEvent e) -> status(e.groupId(), e.kabupaten(), "FORMING"))
			.on(GroupSuspendedEvent.class, (GroupSuspendedEvent e) -> status(e.groupId(), e.kabupaten(), "SUSPENDED"))
			.on(GroupReinstatedEvent.class, (GroupReinstatedEvent e) -> status(e.groupId(), e.kabupaten(), e.status()))
			.on(GroupDissolvedEvent.class,
					(GroupDissolvedEvent e) -> status(e.groupId(), e.kabupaten(), GroupView.DISSOLVED))
			.on(MemberJoinedEvent.class, this::onMemberJoined)
			.on(MemberLeftEvent.class, (MemberLeftEvent e) -> removeMember(e.groupId(), e.memberId()))
			.on(MemberErasedEvent.class, (MemberErasedEvent e) -> removeMember(e.groupId(), e.memberId()))
			.build();
		return dispatcher::dispatch;
	}

	void status(String groupId, String kabupaten, String status) {
		this.mongo.upsert(byId(groupId), new Update().set("kabupaten", kabupaten).set("status", status),
				GroupView.COLLECTION);
	}

	void onMemberJoined(MemberJoinedEvent event) {
		Update update = new Update().addToSet("members", event.memberId()).set("kabupaten", event.kabupaten());
		if (event.groupStatus() != null) {
			// a group first seen through its members: remember its status, never
			// overwrite
			update.setOnInsert("status", event.groupStatus());
		}
		this.mongo.upsert(byId(event.groupId()), update, GroupView.COLLECTION);
	}

	void removeMember(String groupId, String memberId) {
		this.mongo.updateFirst(byId(groupId), new Update().pull("members", memberId), GroupView.COLLECTION);
	}

	/**
	 * The known groups among some ids.
	 * @param ids group ids
	 * @return the groups found (unknown ids are missing)
	 */
	public List<GroupView> findAll(Collection<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.mongo.find(Query.query(Criteria.where("_id").in(ids)), GroupView.class);
	}

	private static Query byId(String id) {
		return Query.query(Criteria.where("_id").is(id));
	}

}
