package id.go.kalteng.kim.group.membership;

import java.time.Duration;
import java.util.List;

import com.mongodb.client.model.Filters;
import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.group.PersonErasedEvent;
import id.go.kalteng.kim.group.GroupApi;
import id.go.kalteng.kim.group.GroupServiceIntegrationTest;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import id.go.kalteng.kim.support.test.TestTokens;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Erasure of a person by number reaches every service, whether the person is a member
 * now, left a group before, or never was one: the request is recorded (without the
 * number) and announced as {@code kim.group.person-erased.v1}, keyed by the number's
 * pseudonymous id.
 */
class PersonErasureIntegrationTest extends GroupServiceIntegrationTest {

	@Autowired
	PhonePseudonyms pseudonyms;

	@Autowired
	MongoTemplate mongo;

	@Test
	void erasingAFormerMemberPublishesPersonErasedKeyedByThePseudonymWithNoPhoneAnywhere() throws Exception {
		String phone = GroupApi.newPhone();
		String hash = this.pseudonyms.of(phone);
		String left = this.api.registerGroup(OPERATOR, "KIM Pernah Ikut", "62.09").get("id").asString();
		String member = this.api.join(OPERATOR, left, phone, "ANGGOTA").get("id").asString();
		this.mvc.perform(delete("/api/groups/{g}/members/{m}", left, member).with(OPERATOR))
			.andExpect(status().isNoContent());
		try (TopicReader events = new TopicReader(Topics.GROUP_EVENTS)) {
			erase(phone).andExpect(status().isOk())
				.andExpect(jsonPath("$.erased").value(0))
				.andExpect(jsonPath("$.requested").value(true));

			await().atMost(Duration.ofSeconds(20)).until(() -> !personErased(events, hash).isEmpty());
			ConsumerRecord<String, byte[]> record = personErased(events, hash).get(0);
			assertThat(record.key()).isEqualTo(hash);
			assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(hash);
			EventSchemas.assertValid(PersonErasedEvent.TYPE, TopicReader.value(record));
			assertThat(TopicReader.value(record)).contains("\"phoneHash\":\"" + hash + "\"");
			assertThat(everythingIn(record)).doesNotContain(digits(phone));
		}
		Document erasure = this.mongo.getCollection(PersonErasure.COLLECTION).find(Filters.eq("_id", hash)).first();
		assertThat(erasure).isNotNull();
		assertThat(erasure.toJson()).doesNotContain(digits(phone));
	}

	@Test
	void erasingAMemberErasesTheMembershipAndAnnouncesThePerson() throws Exception {
		String phone = GroupApi.newPhone();
		String hash = this.pseudonyms.of(phone);
		String group = this.api.registerGroup(OPERATOR, "KIM Masih Ikut", "62.09").get("id").asString();
		String member = this.api.join(OPERATOR, group, phone, "ANGGOTA").get("id").asString();
		try (TopicReader events = new TopicReader(Topics.GROUP_EVENTS)) {
			erase(GroupApi.e164(phone)).andExpect(status().isOk())
				.andExpect(jsonPath("$.erased").value(1))
				.andExpect(jsonPath("$.memberships[0].memberId").value(member))
				.andExpect(jsonPath("$.requested").value(true));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> !personErased(events, hash).isEmpty() && events.forSubject(group)
					.stream()
					.anyMatch((r) -> "kim.group.member-erased.v1".equals(TopicReader.header(r, "ce_type"))));
		}
	}

	@Test
	void aRepeatedRequestKeepsOneRecordAndAnnouncesItAgain() throws Exception {
		String phone = GroupApi.newPhone();
		String hash = this.pseudonyms.of(phone);
		try (TopicReader events = new TopicReader(Topics.GROUP_EVENTS)) {
			erase(phone).andExpect(status().isOk()).andExpect(jsonPath("$.requested").value(true));
			erase(GroupApi.e164(phone)).andExpect(status().isOk())
				.andExpect(jsonPath("$.erased").value(0))
				.andExpect(jsonPath("$.requested").value(true));
			await().atMost(Duration.ofSeconds(20)).until(() -> personErased(events, hash).size() == 2);
		}
		assertThat(this.mongo.getCollection(PersonErasure.COLLECTION).countDocuments(Filters.eq("_id", hash)))
			.isEqualTo(1);
		assertThat(this.mongo.getCollection(PersonErasure.COLLECTION).find(Filters.eq("_id", hash)).first())
			.containsEntry("requests", 2);
	}

	@Test
	void onlyAnOperatorRecordsAnErasure() throws Exception {
		String phone = GroupApi.newPhone();
		for (var token : List.of(TestTokens.agency("62.09"), TestTokens.coordinator("g-1"))) {
			this.mvc
				.perform(post("/api/members/erasure").with(token)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"phone\":\"" + phone + "\"}"))
				.andExpect(status().isForbidden());
		}
		assertThat(this.mongo.getCollection(PersonErasure.COLLECTION)
			.countDocuments(Filters.eq("_id", this.pseudonyms.of(phone)))).isZero();
	}

	private ResultActions erase(String phone) throws Exception {
		return this.mvc.perform(post("/api/members/erasure").with(OPERATOR)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"phone\":\"" + phone + "\"}"));
	}

	private static List<ConsumerRecord<String, byte[]>> personErased(TopicReader events, String hash) {
		return events.forSubject(hash)
			.stream()
			.filter((r) -> PersonErasedEvent.TYPE.equals(TopicReader.header(r, "ce_type")))
			.toList();
	}

	/** Key, headers and value of a record, as text. */
	private static String everythingIn(ConsumerRecord<String, byte[]> record) {
		StringBuilder text = new StringBuilder(record.key()).append(TopicReader.value(record));
		for (Header header : record.headers()) {
			text.append(header.key()).append(new String(header.value()));
		}
		return text.toString();
	}

	/** The number's digits after the leading 0 of {@code 0812-…}: in every spelling. */
	private static String digits(String phone) {
		return phone.substring(1).replace("-", "");
	}

}
