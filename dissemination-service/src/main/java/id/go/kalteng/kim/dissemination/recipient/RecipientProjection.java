package id.go.kalteng.kim.dissemination.recipient;

import java.util.List;
import java.util.function.Consumer;

import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.contracts.group.GroupActivatedEvent;
import id.go.kalteng.kim.contracts.group.GroupDissolvedEvent;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.contracts.group.GroupReinstatedEvent;
import id.go.kalteng.kim.contracts.group.GroupReturnedToFormingEvent;
import id.go.kalteng.kim.contracts.group.GroupSuspendedEvent;
import id.go.kalteng.kim.contracts.group.GroupUpdatedEvent;
import id.go.kalteng.kim.contracts.group.MemberConsentChangedEvent;
import id.go.kalteng.kim.contracts.group.MemberErasedEvent;
import id.go.kalteng.kim.contracts.group.MemberJoinedEvent;
import id.go.kalteng.kim.contracts.group.MemberLeftEvent;
import id.go.kalteng.kim.contracts.group.MemberUpdatedEvent;
import id.go.kalteng.kim.contracts.group.PersonErasedEvent;
import id.go.kalteng.kim.dissemination.dispatch.DispatchErasure;
import id.go.kalteng.kim.support.messaging.EventDispatcher;
import id.go.kalteng.kim.support.messaging.ProcessedEvents;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
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
 * Projects groups and their members from {@code kim.group.events} into {@code groups} and
 * {@code recipients}: idempotent upserts and deletes keyed by ids. A person's erasure
 * removes every recipient with that number and forgets the dispatches to it.
 */
@Configuration(proxyBeanMethods = false)
public class RecipientProjection {

	private final MongoTemplate mongo;

	private final PhonePseudonyms pseudonyms;

	RecipientProjection(MongoTemplate mongo, PhonePseudonyms pseudonyms) {
		this.mongo = mongo;
		this.pseudonyms = pseudonyms;
	}

	@Bean
	Consumer<Message<byte[]>> onGroupEvent(ProcessedEvents processed, JsonMapper json, MeterRegistry meters,
			DispatchErasure dispatches) {
		EventDispatcher dispatcher = EventDispatcher.builder("dissemination-projection", processed, json, meters)
			.on(GroupRegisteredEvent.class, this::onGroupRegistered)
			.on(GroupUpdatedEvent.class, this::onGroupUpdated)
			.on(GroupActivatedEvent.class, (GroupActivatedEvent e) -> groupStatus(e.groupId(), e.kabupaten(), "ACTIVE"))
			.on(GroupReturnedToFormingEvent.class,
					(GroupReturnedToFormingEvent e) -> groupStatus(e.groupId(), e.kabupaten(), "FORMING"))
			.on(GroupSuspendedEvent.class,
					(GroupSuspendedEvent e) -> groupStatus(e.groupId(), e.kabupaten(), "SUSPENDED"))
			.on(GroupReinstatedEvent.class,
					(GroupReinstatedEvent e) -> groupStatus(e.groupId(), e.kabupaten(), e.status()))
			.on(GroupDissolvedEvent.class,
					(GroupDissolvedEvent e) -> groupStatus(e.groupId(), e.kabupaten(), "DISSOLVED"))
			.on(MemberJoinedEvent.class, this::onMemberJoined)
			.on(MemberUpdatedEvent.class, this::onMemberUpdated)
			.on(MemberConsentChangedEvent.class, this::onConsentChanged)
			.on(MemberLeftEvent.class, (MemberLeftEvent e) -> removeMember(e.memberId()))
			.on(MemberErasedEvent.class, (MemberErasedEvent e) -> removeMember(e.memberId()))
			.on(PersonErasedEvent.class, (PersonErasedEvent e) -> {
				forgetPhone(e.phoneHash());
				dispatches.forget(e.phoneHash());
			})
			.build();
		return dispatcher::dispatch;
	}

	void onGroupRegistered(GroupRegisteredEvent event) {
		Update update = new Update().set("name", event.name())
			.set("kabupaten", event.kabupaten())
			.set("setting", event.setting())
			.set("status", event.status());
		this.mongo.upsert(byId(event.groupId()), update, GroupView.COLLECTION);
	}

	/** A group's setting is a target dimension of each of its members. */
	void onGroupUpdated(GroupUpdatedEvent event) {
		this.mongo.upsert(byId(event.groupId()),
				new Update().set("name", event.name())
					.set("kabupaten", event.kabupaten())
					.set("setting", event.setting()),
				GroupView.COLLECTION);
		this.mongo.updateMulti(Query.query(Criteria.where("groupId").is(event.groupId())),
				new Update().set("setting", event.setting()), Recipient.COLLECTION);
	}

	void groupStatus(String groupId, String kabupaten, String status) {
		Update update = new Update().set("kabupaten", kabupaten).set("status", status);
		this.mongo.upsert(byId(groupId), update, GroupView.COLLECTION);
	}

	void onMemberJoined(MemberJoinedEvent event) {
		Update update = contact(event.groupId(), event.kabupaten(), event.phone(), event.gender(), event.ageGroup(),
				event.occupation(), event.whatsapp(), event.consent())
			.set("setting", event.setting());
		this.mongo.upsert(byId(event.memberId()), update, Recipient.COLLECTION);
		if (event.groupStatus() != null) {
			// a group first seen through its members: remember its status, never
			// overwrite
			this.mongo.upsert(byId(event.groupId()),
					new Update().setOnInsert("kabupaten", event.kabupaten())
						.setOnInsert("setting", event.setting())
						.setOnInsert("status", event.groupStatus()),
					GroupView.COLLECTION);
		}
	}

	void onMemberUpdated(MemberUpdatedEvent event) {
		Update update = contact(event.groupId(), event.kabupaten(), event.phone(), event.gender(), event.ageGroup(),
				event.occupation(), event.whatsapp(), event.consent());
		this.mongo.upsert(byId(event.memberId()), update, Recipient.COLLECTION);
	}

	/** What a joined or updated member's event says about it as a recipient. */
	private Update contact(String groupId, String kabupaten, String phone, String gender, String ageGroup,
			String occupation, boolean whatsapp, ChannelConsent consent) {
		return new Update().set("groupId", groupId)
			.set("kabupaten", kabupaten)
			.set("phone", phone)
			.set("phoneHash", (phone != null) ? this.pseudonyms.of(phone) : null)
			.set("gender", gender)
			.set("ageGroup", ageGroup)
			.set("occupation", occupation)
			.set("whatsapp", whatsapp)
			.set("consent", consent(consent));
	}

	void onConsentChanged(MemberConsentChangedEvent event) {
		this.mongo.updateFirst(byId(event.memberId()), new Update().set("consent", consent(event.consent())),
				Recipient.COLLECTION);
	}

	void removeMember(String memberId) {
		this.mongo.remove(byId(memberId), Recipient.COLLECTION);
	}

	/**
	 * Removes every recipient with this number, in every group.
	 * @param phoneHash the number's pseudonymous id
	 */
	void forgetPhone(String phoneHash) {
		this.mongo.remove(Query.query(Criteria.where("phoneHash").is(phoneHash)), Recipient.COLLECTION);
	}

	/**
	 * The recipients of the active groups, optionally narrowed to some kabupaten.
	 * @param kabupaten kabupaten codes (empty = all)
	 * @return the candidate recipients, sorted by member id
	 */
	public List<Recipient> recipientsOfActiveGroups(List<String> kabupaten) {
		Query groups = Query.query(Criteria.where("status").is(GroupView.ACTIVE));
		if (kabupaten != null && !kabupaten.isEmpty()) {
			groups.addCriteria(Criteria.where("kabupaten").in(kabupaten));
		}
		List<String> active = this.mongo.find(groups, GroupView.class).stream().map(GroupView::id).toList();
		if (active.isEmpty()) {
			return List.of();
		}
		Query recipients = Query.query(Criteria.where("groupId").in(active));
		recipients.with(org.springframework.data.domain.Sort.by("_id"));
		return this.mongo.find(recipients, Recipient.class);
	}

	private static org.bson.Document consent(ChannelConsent consent) {
		org.bson.Document document = new org.bson.Document();
		document.put("sms", consent != null && consent.sms());
		document.put("whatsapp", consent != null && consent.whatsapp());
		return document;
	}

	private static Query byId(String id) {
		return Query.query(Criteria.where("_id").is(id));
	}

}
