package id.go.kalteng.kim.group.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.notification.ChannelOptedInEvent;
import id.go.kalteng.kim.contracts.notification.ChannelOptedOutEvent;
import id.go.kalteng.kim.group.GroupApi;
import id.go.kalteng.kim.group.GroupServiceIntegrationTest;
import id.go.kalteng.kim.support.phone.PhonePseudonyms;
import id.go.kalteng.kim.support.test.TestEventPublisher;
import id.go.kalteng.kim.support.test.TopicReader;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/**
 * Opt-outs and opt-ins reported by notification-service reach every membership of the
 * number, once, and are announced as consent changes.
 */
class ConsentIntegrationTest extends GroupServiceIntegrationTest {

	@Autowired
	PhonePseudonyms pseudonyms;

	@Test
	void anOptOutIsRecordedOnEveryMembershipOfTheNumberOnce() throws Exception {
		String phone = GroupApi.newPhone();
		String e164 = GroupApi.e164(phone);
		String hash = this.pseudonyms.of(e164);
		String first = this.api.registerGroup(OPERATOR, "KIM Opt Satu", "62.71").get("id").asString();
		String second = this.api.registerGroup(OPERATOR, "KIM Opt Dua", "62.03").get("id").asString();
		String m1 = this.api.join(OPERATOR, first, phone, "ANGGOTA").get("id").asString();
		String m2 = this.api.join(OPERATOR, second, phone, "ANGGOTA").get("id").asString();
		String bystander = this.api.join(OPERATOR, first, GroupApi.newPhone(), "ANGGOTA").get("id").asString();
		try (TopicReader events = new TopicReader(Topics.GROUP_EVENTS);
				TestEventPublisher publisher = new TestEventPublisher(this.json)) {
			String eventId = UUID.randomUUID().toString();
			ChannelOptedOutEvent optOut = new ChannelOptedOutEvent(e164, hash, "WHATSAPP", "STOP", "62.71",
					Instant.now());
			publisher.publish(eventId, optOut);
			publisher.publish(eventId, optOut);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				consent(first, m1).andExpect(jsonPath("$.consent.whatsapp").value(false))
					.andExpect(jsonPath("$.consent.sms").value(true));
				consent(second, m2).andExpect(jsonPath("$.consent.whatsapp").value(false));
			});
			consent(first, bystander).andExpect(jsonPath("$.consent.whatsapp").value(true));
			publisher.publish(new ChannelOptedInEvent(e164, hash, "WHATSAPP", "MULAI", "62.71", Instant.now()));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				consent(first, m1).andExpect(jsonPath("$.consent.whatsapp").value(true));
				consent(second, m2).andExpect(jsonPath("$.consent.whatsapp").value(true));
			});
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				var changes = events.poll()
					.stream()
					.filter((r) -> "kim.group.member-consent-changed.v1".equals(TopicReader.header(r, "ce_type")))
					.filter((r) -> TopicReader.value(r).contains(m1) || TopicReader.value(r).contains(m2))
					.toList();
				// out and back in, in both groups; the duplicate delivery changed nothing
				assertThat(changes).hasSize(4);
				changes.forEach(
						(r) -> EventSchemas.assertValid("kim.group.member-consent-changed.v1", TopicReader.value(r)));
			});
		}
	}

	private org.springframework.test.web.servlet.ResultActions consent(String group, String member) throws Exception {
		return this.mvc.perform(get("/api/groups/{g}/members/{m}", group, member).with(OPERATOR));
	}

}
