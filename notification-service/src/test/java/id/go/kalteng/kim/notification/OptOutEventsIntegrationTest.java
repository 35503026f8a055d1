package id.go.kalteng.kim.notification;

import java.util.List;
import java.util.regex.Pattern;

import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.notification.ChannelOptedInEvent;
import id.go.kalteng.kim.contracts.notification.ChannelOptedOutEvent;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static id.go.kalteng.kim.notification.NotificationFixtures.randomPhone;
import static id.go.kalteng.kim.notification.NotificationFixtures.sandboxWebhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Opt-outs and opt-ins name a phone by its pseudonymous id wherever a number would sit in
 * Kafka's open metadata (key, {@code ce_subject}) or in this service's opt-out records;
 * only the payload carries the number, for group-service.
 */
class OptOutEventsIntegrationTest extends NotificationIntegrationTest {

	/** A phone number in any of the forms it is written in (E.164, 62…, 08…). */
	private static final Pattern PHONE = Pattern.compile("\\+62|^62[0-9]{8,13}$|^0?8[0-9]{8,12}$");

	@Test
	void anOptOutIsKeyedAndSubjectedByThePhoneHashAndItsRecordHoldsNoNumber() throws Exception {
		String phone = randomPhone();
		String hash = this.pseudonyms.of(phone);
		reply(phone, "STOP", "opted-out");
		reply(phone, "MULAI", "opted-in");

		List<ConsumerRecord<String, byte[]>> published = await().atMost(TIMEOUT)
			.until(() -> events.forSubject(hash), (records) -> records.size() == 2);
		assertThat(published).extracting((r) -> TopicReader.header(r, "ce_type"))
			.containsExactly(ChannelOptedOutEvent.TYPE, ChannelOptedInEvent.TYPE);
		for (ConsumerRecord<String, byte[]> record : published) {
			assertThat(record.key()).isEqualTo(hash);
			assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(hash);
			JsonNode payload = this.json.readTree(TopicReader.value(record));
			assertThat(payload.path("phoneHash").asString()).isEqualTo(hash);
			assertThat(payload.path("phone").asString()).isEqualTo(phone);
			EventSchemas.assertValid(TopicReader.header(record, "ce_type"), TopicReader.value(record));
		}

		Query ofThePhone = Query.query(Criteria.where("phoneHash").is(hash));
		// published, so the pending events that carried the payload are gone
		await().atMost(TIMEOUT)
			.until(() -> this.mongo.find(ofThePhone, Document.class, "opt_outs")
				.stream()
				.allMatch((record) -> !(record.get("pendingEvents") instanceof List<?> pending) || pending.isEmpty()));
		List<Document> records = this.mongo.find(ofThePhone, Document.class, "opt_outs");
		assertThat(records).singleElement().satisfies((record) -> {
			assertThat(record.get("_id")).isEqualTo(hash + ":SMS");
			assertThat(record.toJson()).doesNotContain(phone.substring(3));
		});
		assertThat(this.mongo.find(new Query(), Document.class, "opt_outs"))
			.allSatisfy((record) -> assertThat(record.containsKey("phone")).isFalse());
	}

	@Test
	void noRecordOnTheNotificationEventsHasAPhoneInItsKeyOrSubject() throws Exception {
		String phone = randomPhone();
		reply("0" + phone.substring(3), "BERHENTI", "opted-out");
		await().atMost(TIMEOUT).until(() -> !events.forSubject(this.pseudonyms.of(phone)).isEmpty());

		assertThat(events.poll()).isNotEmpty().allSatisfy((record) -> {
			assertThat(record.key()).doesNotContainPattern(PHONE);
			assertThat(TopicReader.header(record, "ce_subject")).doesNotContainPattern(PHONE);
		});
	}

	private void reply(String from, String text, String outcome) throws Exception {
		this.mvc.perform(sandboxWebhook("{\"from\":\"" + from + "\",\"text\":\"" + text + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value(outcome));
	}

}
