package id.go.kalteng.kim.dissemination.dispatch;

import java.util.UUID;

import com.mongodb.client.model.Filters;
import id.go.kalteng.kim.dissemination.DisseminationServiceIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Dispatches stored when they still kept the phone number lose it at start-up. */
class DispatchStorageIntegrationTest extends DisseminationServiceIntegrationTest {

	@Autowired
	DispatchStorage storage;

	@Autowired
	DispatchErasure erasure;

	@Test
	void aDispatchThatKeptAPhoneKeepsItsPseudonymInsteadAndAnErasureFindsIt() {
		String id = UUID.randomUUID().toString();
		this.mongo.getCollection(Dispatch.COLLECTION)
			.insertOne(new Document("_id", id).append("broadcastId", "b-legacy")
				.append("memberId", "m-legacy")
				.append("phone", "+6281399990001")
				.append("channel", "SMS")
				.append("kabupaten", "62.71")
				.append("status", "DELIVERED")
				.append("version", 2L));
		this.mongo.getCollection(DispatchStorage.MIGRATIONS)
			.deleteOne(Filters.eq("_id", DispatchStorage.PHONES_REMOVED));

		this.storage.removeStoredPhones();

		Document converted = this.mongo.getCollection(Dispatch.COLLECTION).find(Filters.eq("_id", id)).first();
		assertThat(converted).doesNotContainKey("phone")
			.containsEntry("phoneHash", this.pseudonyms.of("+6281399990001"))
			.containsEntry("status", "DELIVERED");
		assertThat(this.erasure.forget(this.pseudonyms.of("0813-9999-0001"))).isEqualTo(1);
		assertThat(this.mongo.getCollection(Dispatch.COLLECTION).find(Filters.eq("_id", id)).first())
			.doesNotContainKeys("phoneHash", "memberId")
			.containsEntry("status", "DELIVERED")
			.containsEntry("broadcastId", "b-legacy");
		assertThat(this.erasure.forget(this.pseudonyms.of("0813-9999-0001"))).isZero();
	}

}
