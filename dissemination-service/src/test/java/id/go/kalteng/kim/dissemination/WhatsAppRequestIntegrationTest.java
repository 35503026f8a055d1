package id.go.kalteng.kim.dissemination;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.Topics;
import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.contracts.group.GroupActivatedEvent;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.contracts.group.MemberJoinedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.support.test.TestEventPublisher;
import id.go.kalteng.kim.support.test.TestTokens;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a broadcast tells notification-service beyond the text (issue #9): the approved
 * WhatsApp template the author named, on each WhatsApp request, and the channels after
 * the chosen one that the member consented to (SMS for a member WhatsApp may fail to
 * reach).
 */
class WhatsAppRequestIntegrationTest extends DisseminationServiceIntegrationTest {

	@Test
	void theBroadcastsTemplateAndEachMembersConsentedFallbackTravelWithTheRequests() throws Exception {
		String groupId = UUID.randomUUID().toString();
		Instant now = Instant.now();
		String smsToo = randomPhone();
		String whatsAppOnly = randomPhone();
		try (TestEventPublisher producer = new TestEventPublisher(this.json);
				TopicReader requests = new TopicReader(Topics.NOTIFICATION_URGENT_REQUESTS)) {
			producer.publish(new GroupRegisteredEvent(groupId, "KIM Kahayan", "62.71", "Jekan Raya", "Menteng",
					"PERKOTAAN", "FORMING", now));
			producer
				.publish(new MemberJoinedEvent(groupId, UUID.randomUUID().toString(), "62.71", "PERKOTAAN", "FORMING",
						smsToo, "P", "DEWASA", "PETANI", "MEMBER", true, new ChannelConsent(true, true), "id", now));
			producer.publish(new MemberJoinedEvent(groupId, UUID.randomUUID().toString(), "62.71", "PERKOTAAN",
					"FORMING", whatsAppOnly, "L", "DEWASA", "PETANI", "MEMBER", true, new ChannelConsent(false, true),
					"id", now));
			producer.publish(new GroupActivatedEvent(groupId, "62.71", 2, now));

			String body = "{\"title\":\"Waspada banjir\",\"message\":\"Sungai Kahayan naik\","
					+ "\"channels\":[\"WHATSAPP\",\"SMS\"],\"priority\":\"URGENT\","
					+ "\"target\":{\"kabupaten\":[\"62.71\"],\"groups\":[\"" + groupId + "\"]},"
					+ "\"whatsappTemplate\":{\"name\":\"kim_peringatan\",\"variables\":[\"banjir\",\"Kahayan\"]}}";
			String id = this.json
				.readTree(
						this.mvc
							.perform(post("/api/broadcasts").with(TestTokens.operator("operator-1"))
								.contentType(MediaType.APPLICATION_JSON)
								.content(body))
							.andExpect(status().isCreated())
							.andReturn()
							.getResponse()
							.getContentAsString())
				.get("id")
				.asString();
			await().atMost(TIMEOUT)
				.until(() -> this.json
					.readTree(this.mvc
						.perform(get("/api/broadcasts/{id}/preview", id).with(TestTokens.operator("operator-1")))
						.andReturn()
						.getResponse()
						.getContentAsString())
					.path("recipients")
					.asInt() == 2);
			this.mvc.perform(post("/api/broadcasts/{id}/submit", id).with(TestTokens.operator("operator-1")))
				.andExpect(status().isOk());
			this.mvc.perform(post("/api/broadcasts/{id}/approve", id).with(TestTokens.operator("operator-2")))
				.andExpect(status().isOk());

			List<ConsumerRecord<String, byte[]>> sent = await().atMost(TIMEOUT)
				.until(() -> requests.poll()
					.stream()
					.filter((r) -> TopicReader.value(r).contains("\"sourceId\":\"" + id + "\""))
					.toList(), (found) -> found.size() == 2);
			for (ConsumerRecord<String, byte[]> record : sent) {
				EventSchemas.assertValid(NotificationRequestedEvent.TYPE, TopicReader.value(record));
				JsonNode request = this.json.readTree(TopicReader.value(record));
				assertThat(request.path("channel").asString()).isEqualTo("WHATSAPP");
				assertThat(request.path("whatsappTemplate").path("name").asString()).isEqualTo("kim_peringatan");
				assertThat(request.path("whatsappTemplate").path("language").asString()).isEqualTo("id");
				assertThat(request.path("whatsappTemplate").path("variables").get(1).asString()).isEqualTo("Kahayan");
				if (request.path("phone").asString().equals(smsToo)) {
					assertThat(request.path("fallbackChannels").get(0).asString()).isEqualTo("SMS");
				}
				else {
					assertThat(request.path("phone").asString()).isEqualTo(whatsAppOnly);
					assertThat(request.path("fallbackChannels").isNull()
							|| request.path("fallbackChannels").isMissingNode())
						.isTrue();
				}
			}
		}
	}

	@Test
	void anInvalidTemplateIsRefusedAndNoBroadcastIsDrafted() throws Exception {
		String body = "{\"title\":\"t\",\"message\":\"m\",\"channels\":[\"WHATSAPP\"],\"priority\":\"NORMAL\","
				+ "\"target\":{\"kabupaten\":[\"62.71\"]},\"whatsappTemplate\":{\"name\":\"Bukan Nama!\"}}";
		this.mvc
			.perform(post("/api/broadcasts").with(TestTokens.operator("operator-1"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isBadRequest());
	}

}
