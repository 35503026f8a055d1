package id.go.kalteng.kim.dissemination.recipient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.contracts.group.GroupUpdatedEvent;
import id.go.kalteng.kim.contracts.group.MemberConsentChangedEvent;
import id.go.kalteng.kim.contracts.group.MemberJoinedEvent;
import id.go.kalteng.kim.contracts.group.MemberUpdatedEvent;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;

import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.util.Pair;
import org.springframework.stereotype.Service;

/**
 * Writes the {@code groups} and {@code recipients} projections from the group events:
 * idempotent upserts and deletes keyed by ids. Read them through
 * {@link ActiveRecipients}.
 */
@Service
class RecipientProjection {

	/** The province has a few thousand groups; beyond this, start again. */
	private static final int KNOWN_GROUPS_KEPT = 100_000;

	private final MongoTemplate mongo;

	private final PhonePseudonyms pseudonyms;

	/**
	 * Groups this instance has seen stored: a member's join need not write its group
	 * again (it only ever sets fields of a group not stored yet, and groups are never
	 * removed).
	 */
	private final Set<String> knownGroups = ConcurrentHashMap.newKeySet();

	RecipientProjection(MongoTemplate mongo, PhonePseudonyms pseudonyms) {
		this.mongo = mongo;
		this.pseudonyms = pseudonyms;
	}

	void groupRegistered(GroupRegisteredEvent event) {
		Update update = new Update().set("name", event.name())
			.set("kabupaten", event.kabupaten())
			.set("setting", event.setting())
			.set("status", event.status());
		this.mongo.upsert(byId(event.groupId()), update, GroupView.COLLECTION);
		known(event.groupId());
	}

	/** A group's setting is a target dimension of each of its members. */
	void groupUpdated(GroupUpdatedEvent event) {
		this.mongo.upsert(byId(event.groupId()),
				new Update().set("name", event.name())
					.set("kabupaten", event.kabupaten())
					.set("setting", event.setting()),
				GroupView.COLLECTION);
		this.mongo.updateMulti(Query.query(Criteria.where("groupId").is(event.groupId())),
				new Update().set("setting", event.setting()), Recipient.COLLECTION);
	}

	/** A group's status, as its lifecycle event states it. */
	void groupStatusChanged(String groupId, String kabupaten, String status) {
		Update update = new Update().set("kabupaten", kabupaten).set("status", status);
		this.mongo.upsert(byId(groupId), update, GroupView.COLLECTION);
		known(groupId);
	}

	private void known(String groupId) {
		if (this.knownGroups.size() >= KNOWN_GROUPS_KEPT) {
			this.knownGroups.clear();
		}
		this.knownGroups.add(groupId);
	}

	/**
	 * Members joined (a run of one poll's events, in order, as a roster import causes):
	 * one ordered bulk write of the recipients and, for groups this instance has not seen
	 * stored, one of the groups, each an upsert by {@code _id}; a batch written in part
	 * and handed over again ends the same, nothing doubled.
	 */
	void membersJoined(List<MemberJoinedEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		List<Pair<Query, Update>> recipients = new ArrayList<>(events.size());
		Map<String, Pair<Query, Update>> groups = new LinkedHashMap<>();
		for (MemberJoinedEvent event : events) {
			recipients
				.add(Pair.of(byId(event.memberId()),
						contact(event.groupId(), event.kabupaten(), event.phone(), event.gender(), event.ageGroup(),
								event.occupation(), event.whatsapp(), event.consent())
							.set("setting", event.setting())));
			if (event.groupStatus() != null && !this.knownGroups.contains(event.groupId())) {
				// a group first seen through its members: remember its status, never
				// overwrite
				groups.putIfAbsent(event.groupId(),
						Pair.of(byId(event.groupId()),
								new Update().setOnInsert("kabupaten", event.kabupaten())
									.setOnInsert("setting", event.setting())
									.setOnInsert("status", event.groupStatus())));
			}
		}
		this.mongo.bulkOps(BulkOperations.BulkMode.ORDERED, Recipient.COLLECTION).upsert(recipients).execute();
		if (!groups.isEmpty()) {
			this.mongo.bulkOps(BulkOperations.BulkMode.ORDERED, GroupView.COLLECTION)
				.upsert(new ArrayList<>(groups.values()))
				.execute();
			groups.keySet().forEach(this::known);
		}
	}

	void memberUpdated(MemberUpdatedEvent event) {
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

	void consentChanged(MemberConsentChangedEvent event) {
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
