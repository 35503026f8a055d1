package id.go.kalteng.kim.dissemination.recipient;

import java.util.UUID;

import com.mongodb.client.model.Filters;
import id.go.kalteng.kim.dissemination.DisseminationServiceIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recipients projected before they carried a pseudonym get one, so erasure finds them.
 */
class RecipientStorageIntegrationTest extends DisseminationServiceIntegrationTest {

	@Autowired
	RecipientStorage storage;

	@Autowired
	RecipientProjection projection;

	@Test
	void aRecipientProjectedWithoutAPseudonymGetsOneAndIsErasedByIt() {
		String memberId = UUID.randomUUID().toString();
		this.mongo.getCollection(Recipient.COLLECTION)
			.insertOne(new Document("_id", memberId).append("groupId", "g-legacy")
				.append("kabupaten", "62.71")
				.append("phone", "+6281399990002"));

		this.storage.addPhoneHashes();

		assertThat(this.mongo.getCollection(Recipient.COLLECTION).find(Filters.eq("_id", memberId)).first())
			.containsEntry("phoneHash", this.pseudonyms.of("+6281399990002"));
		this.projection.forgetPhone(this.pseudonyms.of("+6281399990002"));
		assertThat(this.mongo.getCollection(Recipient.COLLECTION).countDocuments(Filters.eq("_id", memberId))).isZero();
	}

}
