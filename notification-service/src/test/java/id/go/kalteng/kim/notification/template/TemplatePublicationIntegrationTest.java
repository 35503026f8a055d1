package id.go.kalteng.kim.notification.template;

import java.util.ArrayList;
import java.util.List;

import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.notification.WhatsAppTemplatesPublishedEvent;
import id.go.kalteng.kim.notification.NotificationIntegrationTest;
import id.go.kalteng.kim.support.test.TestTokens;
import id.go.kalteng.kim.support.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The approved WhatsApp templates of the local profile: published at start-up through the
 * outbox (key {@code whatsapp-templates}), not again while the list stays the same, and
 * listed to operators at {@code GET /api/whatsapp-templates}.
 */
class TemplatePublicationIntegrationTest extends NotificationIntegrationTest {

	private static final List<String> DEMO = List.of("kim_pesan", "kim_peringatan_bencana", "kim_undangan_kegiatan");

	@Autowired
	TemplatePublication publication;

	@Test
	void theStartUpPublishedTheListOnceAndASecondStartUpWithTheSameListPublishesNothing() {
		ConsumerRecord<String, byte[]> published = await().atMost(TIMEOUT)
			.until(() -> events.poll()
				.stream()
				.filter((r) -> WhatsAppTemplatesPublishedEvent.TYPE.equals(TopicReader.header(r, "ce_type")))
				.reduce((a, b) -> b)
				.orElse(null), (r) -> r != null);
		assertThat(published.key()).isEqualTo(WhatsAppTemplatesPublishedEvent.KEY);
		EventSchemas.assertValid(WhatsAppTemplatesPublishedEvent.TYPE, TopicReader.value(published));
		JsonNode event = this.json.readTree(TopicReader.value(published));
		List<String> names = new ArrayList<>();
		event.path("templates").forEach((t) -> names.add(t.path("name").asString()));
		assertThat(names).containsExactlyElementsOf(DEMO);
		assertThat(event.path("templates").get(1).path("variables").asInt()).isEqualTo(3);
		PublishedTemplates stored = this.store.findById(WhatsAppTemplatesPublishedEvent.KEY, PublishedTemplates.class)
			.orElseThrow();
		assertThat(stored.getVersion()).isEqualTo(1);

		assertThat(this.publication.publishIfChanged()).isFalse();

		assertThat(this.store.findById(WhatsAppTemplatesPublishedEvent.KEY, PublishedTemplates.class)
			.orElseThrow()
			.getVersion()).isEqualTo(1);
	}

	@Test
	void operatorsListTheApprovedTemplatesAndNobodyElse() throws Exception {
		this.mvc.perform(get("/api/whatsapp-templates").with(OPERATOR))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items.length()").value(3))
			.andExpect(jsonPath("$.items[1].name").value("kim_peringatan_bencana"))
			.andExpect(jsonPath("$.items[1].language").value("id"))
			.andExpect(jsonPath("$.items[1].category").value("UTILITY"))
			.andExpect(jsonPath("$.items[1].variables").value(3))
			.andExpect(jsonPath("$.items[1].body").value(containsString("{{3}}")));
		this.mvc.perform(get("/api/whatsapp-templates").with(TestTokens.agency("62.71")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/whatsapp-templates")).andExpect(status().isUnauthorized());
	}

}
