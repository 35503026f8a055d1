package id.go.kalteng.kim.dissemination;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Writes an active group and its recipients straight into the projection (bulk inserts),
 * for tests of the fan-out at a scale the projection's consumer would take minutes to
 * build on a busy machine. The documents are the ones {@code RecipientProjection} writes.
 */
final class StoredRecipients {

	private StoredRecipients() {
	}

	/**
	 * Stores an ACTIVE group of {@code count} SMS-consenting members with distinct
	 * phones.
	 * @return the group id
	 */
	static String activeGroup(MongoTemplate mongo, PhonePseudonyms pseudonyms, String kabupaten, int count,
			String occupation) {
		String groupId = UUID.randomUUID().toString();
		mongo.getCollection("groups")
			.insertOne(new Document("_id", groupId).append("name", "KIM uji " + kabupaten)
				.append("kabupaten", kabupaten)
				.append("setting", "PERDESAAN")
				.append("status", "ACTIVE"));
		String prefix = String.format("+62813%02d", Math.floorMod(groupId.hashCode(), 100));
		List<Document> batch = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String phone = prefix + String.format("%07d", i);
			batch.add(new Document("_id", UUID.randomUUID().toString()).append("groupId", groupId)
				.append("kabupaten", kabupaten)
				.append("setting", "PERDESAAN")
				.append("phone", phone)
				.append("phoneHash", pseudonyms.of(phone))
				.append("gender", "PRIA")
				.append("ageGroup", "DEWASA")
				.append("occupation", occupation)
				.append("whatsapp", false)
				.append("consent", new Document("sms", true).append("whatsapp", false)));
			if (batch.size() == 5_000) {
				mongo.getCollection("recipients").insertMany(batch);
				batch = new ArrayList<>();
			}
		}
		if (!batch.isEmpty()) {
			mongo.getCollection("recipients").insertMany(batch);
		}
		return groupId;
	}

}
