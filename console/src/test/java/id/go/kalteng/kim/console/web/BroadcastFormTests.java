package id.go.kalteng.kim.console.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BroadcastFormTests {

	@Test
	void scheduleTypedInWibIsSentWithItsOffset() {
		BroadcastForm form = complete();
		form.setScheduledAt("2026-12-03T09:00");

		assertThat(form.body()).containsEntry("scheduledAt", "2026-12-03T09:00+07:00");
	}

	@Test
	void noScheduleSendsNone() {
		assertThat(complete().body()).doesNotContainKey("scheduledAt");
	}

	@Test
	void aScheduleThatIsNotADateIsRefusedInWords() {
		BroadcastForm form = complete();
		form.setScheduledAt("besok pagi");

		assertThatIllegalArgumentException().isThrownBy(form::body).withMessageContaining("jadwal");
	}

	@Test
	void targetSendsEveryDimensionAndGroupIdsSplitByCommaOrLine() {
		BroadcastForm form = complete();
		form.setKabupaten(List.of("62.71"));
		form.setGroups("g-1, g-2\ng-3 g-1");

		@SuppressWarnings("unchecked")
		Map<String, Object> target = (Map<String, Object>) form.body().get("target");
		assertThat(target).containsEntry("kabupaten", List.of("62.71"))
			.containsEntry("groups", List.of("g-1", "g-2", "g-3"))
			.containsEntry("gender", List.of())
			.containsKeys("ageGroup", "occupation", "setting");
	}

	@Test
	void aWhatsAppTemplateGoesWithWhatsAppOnly() {
		BroadcastForm form = complete();
		form.setWaTemplate("kim_peringatan");
		form.setWaVariables("banjir\n\nPalangka Raya\n");
		assertThat(form.body()).doesNotContainKey("whatsappTemplate");

		form.setChannels(List.of("WHATSAPP", "SMS"));
		assertThat(form.body()).containsEntry("whatsappTemplate",
				Map.of("name", "kim_peringatan", "language", "id", "variables", List.of("banjir", "Palangka Raya")));
	}

	@Test
	void missingFieldsAreNamed() {
		BroadcastForm form = new BroadcastForm();
		form.setChannels(List.of());

		assertThat(form.missing()).containsExactly("judul", "pesan", "kanal");
		assertThat(complete().missing()).isEmpty();
	}

	@Test
	void eachComposerPageHasItsOwnIdempotencyKey() {
		assertThat(new BroadcastForm().getRequestKey()).isNotEqualTo(new BroadcastForm().getRequestKey());
	}

	@Test
	void phonesAreMaskedButTheirEndsStayRecognisable() {
		assertThat(GroupPages.mask("+6281234567890")).isEqualTo("+62812*****890");
		assertThat(GroupPages.mask("123")).isEqualTo("*****");
		assertThat(GroupPages.mask(null)).isEqualTo("*****");
	}

	private static BroadcastForm complete() {
		BroadcastForm form = new BroadcastForm();
		form.setTitle(" Waspada banjir ");
		form.setMessage("Air naik.");
		form.setChannels(List.of("SMS"));
		return form;
	}

}
