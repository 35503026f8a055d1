package id.go.kalteng.kim.activity.group;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.contracts.group.MemberJoinedEvent;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import org.bson.conversions.Bson;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Writes the {@code groups} and {@code members} projections from the group events:
 * idempotent upserts and deletes by {@code _id} (group id, member id); a group's members
 * are a set, so a redelivered join or leave changes nothing. Read them through
 * {@link KnownGroups}.
 */
@Service
class GroupProjection {

	private final MongoTemplate mongo;

	private final PhonePseudonyms pseudonyms;

	GroupProjection(MongoTemplate mongo, PhonePseudonyms pseudonyms) {
		this.mongo = mongo;
		this.pseudonyms = pseudonyms;
	}

	/** A group's status, as its registration or lifecycle event states it. */
	void statusChanged(String groupId, String kabupaten, String status) {
		this.mongo.upsert(byId(groupId), new Update().set("kabupaten", kabupaten).set("status", status),
				GroupView.COLLECTION);
	}

	/**
	 * Members joined (a run of a poll's events, in order): one bulk write of the groups'
	 * member sets and one of the contacts, each an upsert by {@code _id}, so a batch
	 * written in part and handed over again ends the same, nothing doubled.
	 */
	void membersJoined(List<MemberJoinedEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		UpdateOptions upsert = new UpdateOptions().upsert(true);
		List<UpdateOneModel<org.bson.Document>> groups = new ArrayList<>(events.size());
		List<UpdateOneModel<org.bson.Document>> contacts = new ArrayList<>(events.size());
		for (MemberJoinedEvent event : events) {
			List<Bson> group = new ArrayList<>(List.of(Updates.addToSet("members", event.memberId()),
					Updates.set("kabupaten", event.kabupaten())));
			if (event.groupStatus() != null) {
				// a group first seen through its members: remember its status, never
				// overwrite
				group.add(Updates.setOnInsert("status", event.groupStatus()));
			}
			groups.add(new UpdateOneModel<>(Filters.eq("_id", event.groupId()), Updates.combine(group), upsert));
			ChannelConsent consent = event.consent();
			contacts.add(new UpdateOneModel<>(Filters.eq("_id", event.memberId()),
					Updates.combine(Updates.set("groupId", event.groupId()),
							Updates.set("kabupaten", event.kabupaten()), Updates.set("phone", event.phone()),
							Updates.set("phoneHash",
									(event.phone() != null) ? this.pseudonyms.of(event.phone()) : null),
							Updates.set("whatsapp", event.whatsapp()),
							Updates.set("sms", consent != null && consent.sms()),
							Updates.set("whatsappConsent", consent != null && consent.whatsapp())),
					upsert));
		}
		this.mongo.getCollection(GroupView.COLLECTION).bulkWrite(groups);
		this.mongo.getCollection(MemberContact.COLLECTION).bulkWrite(contacts);
	}

	/** A member left or was erased: out of its group, its contact forgotten. */
	void memberGone(String groupId, String memberId) {
		this.mongo.updateFirst(byId(groupId), new Update().pull("members", memberId), GroupView.COLLECTION);
		this.mongo.remove(byId(memberId), MemberContact.COLLECTION);
	}

	/** How a joined or updated member is reached. */
	void contact(String memberId, String groupId, String kabupaten, String phone, boolean whatsapp,
			ChannelConsent consent) {
		Update update = new Update().set("groupId", groupId)
			.set("kabupaten", kabupaten)
			.set("phone", phone)
			.set("phoneHash", (phone != null) ? this.pseudonyms.of(phone) : null)
			.set("whatsapp", whatsapp);
		consent(update, consent);
		this.mongo.upsert(byId(memberId), update, MemberContact.COLLECTION);
	}

	/** A member's channel consent changed. */
	void consentChanged(String memberId, ChannelConsent consent) {
		Update update = new Update();
		consent(update, consent);
		this.mongo.updateFirst(byId(memberId), update, MemberContact.COLLECTION);
	}

	/**
	 * A person was erased: every member with that number leaves every group here. The
	 * look-up by number scans the members, which an erasure (rare) may.
	 */
	void personErased(String phoneHash) {
		List<MemberContact> gone = this.mongo.find(Query.query(Criteria.where("phoneHash").is(phoneHash)),
				MemberContact.class);
		gone.forEach((member) -> memberGone(member.groupId(), member.memberId()));
	}

	private static void consent(Update update, ChannelConsent consent) {
		update.set("sms", consent != null && consent.sms())
			.set("whatsappConsent", consent != null && consent.whatsapp());
	}

	private static Query byId(String id) {
		return Query.query(Criteria.where("_id").is(id));
	}

}
