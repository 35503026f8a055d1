package id.go.kalteng.kim.notification.template;

import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.EventSchemas;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent.WhatsAppTemplate;
import id.go.kalteng.kim.contracts.notification.WhatsAppTemplatesPublishedEvent;
import id.go.kalteng.kim.notification.tracking.Notification;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The check of a request's template against the approved ones, and the publication of the
 * list only when it changed.
 */
class WhatsAppTemplatesTest {

	private static final Instant T0 = Instant.parse("2026-12-01T03:00:00Z");

	private static final WhatsAppTemplates TEMPLATES = new WhatsAppTemplates(new WhatsAppTemplateSettings(
			List.of(new WhatsAppTemplateSettings.Template("kim_pesan", "id", "UTILITY", 1, "{{1}}"),
					new WhatsAppTemplateSettings.Template("kim_peringatan_bencana", "id", "UTILITY", 3,
							"PERINGATAN {{1}} di {{2}}: {{3}}"))),
			"id");

	@Test
	void aRequestWithoutTemplateOrWithAnApprovedOneAndItsVariablesPasses() {
		assertThat(TEMPLATES.problemOf(null)).isEmpty();
		assertThat(TEMPLATES.problemOf(new WhatsAppTemplate("kim_pesan", "id", List.of("Rapat RT")))).isEmpty();
		// no language: the default template language
		assertThat(TEMPLATES.problemOf(
				new WhatsAppTemplate("kim_peringatan_bencana", null, List.of("BANJIR", "Palangka Raya", "Mengungsi"))))
			.isEmpty();
	}

	@Test
	void anUnknownTemplateOrLanguageIsRefusedWithItsReason() {
		assertThat(TEMPLATES.problemOf(new WhatsAppTemplate("kim_promo", "id", List.of("x"))))
			.hasValueSatisfying((p) -> {
				assertThat(p.reason()).isEqualTo(Notification.UNKNOWN_TEMPLATE);
				assertThat(p.detail()).contains("kim_promo");
			});
		assertThat(TEMPLATES.problemOf(new WhatsAppTemplate("kim_pesan", "en", List.of("x"))))
			.hasValueSatisfying((p) -> assertThat(p.reason()).isEqualTo(Notification.UNKNOWN_TEMPLATE));
	}

	@Test
	void aTemplateGivenAnotherNumberOfVariablesIsRefused() {
		assertThat(TEMPLATES.problemOf(new WhatsAppTemplate("kim_peringatan_bencana", "id", List.of("BANJIR"))))
			.hasValueSatisfying((p) -> {
				assertThat(p.reason()).isEqualTo(Notification.TEMPLATE_VARIABLES);
				assertThat(p.detail()).contains("takes 3", "gave 1");
			});
		assertThat(TEMPLATES.problemOf(new WhatsAppTemplate("kim_pesan", "id", null)))
			.hasValueSatisfying((p) -> assertThat(p.reason()).isEqualTo(Notification.TEMPLATE_VARIABLES));
	}

	@Test
	void aTemplateWithoutNameOrWithNegativeVariablesStopsTheStartUp() {
		assertThatIllegalStateException().isThrownBy(() -> new WhatsAppTemplateSettings(
				List.of(new WhatsAppTemplateSettings.Template(" ", "id", "UTILITY", 1, "{{1}}"))));
		assertThatIllegalStateException().isThrownBy(() -> new WhatsAppTemplateSettings(
				List.of(new WhatsAppTemplateSettings.Template("kim_pesan", "id", "UTILITY", -1, "{{1}}"))));
	}

	@Test
	void theListIsPublishedOnlyWhenItDiffersFromTheOnePublishedLast() {
		PublishedTemplates last = PublishedTemplates.none();

		assertThat(last.publish(TEMPLATES.all(), T0)).isTrue();
		assertThat(last.recordedEvents()).hasSize(1);
		WhatsAppTemplatesPublishedEvent event = (WhatsAppTemplatesPublishedEvent) last.recordedEvents().get(0);
		assertThat(event.templates()).extracting(WhatsAppTemplatesPublishedEvent.Template::name)
			.containsExactly("kim_pesan", "kim_peringatan_bencana");
		assertThat(event.aggregateId()).isEqualTo(WhatsAppTemplatesPublishedEvent.KEY);
		EventSchemas.assertValid(WhatsAppTemplatesPublishedEvent.TYPE,
				JsonMapper.builder().build().writeValueAsString(event));

		assertThat(last.publish(TEMPLATES.all(), T0.plusSeconds(60))).isFalse();
		assertThat(last.publish(TEMPLATES.all().subList(0, 1), T0.plusSeconds(120))).isTrue();
		assertThat(last.recordedEvents()).hasSize(2);
	}

}
