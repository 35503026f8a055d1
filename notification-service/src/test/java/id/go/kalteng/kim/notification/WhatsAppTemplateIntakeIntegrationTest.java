package id.go.kalteng.kim.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent.WhatsAppTemplate;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Notification;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import org.junit.jupiter.api.Test;

import static id.go.kalteng.kim.notification.NotificationFixtures.randomPhone;
import static id.go.kalteng.kim.notification.NotificationFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A WhatsApp request's template is checked at intake against the approved ones (the local
 * profile's demo list): an unknown one, or one given the wrong number of variables, is
 * FAILED with a reason saying so and never sent; an approved one is sent.
 */
class WhatsAppTemplateIntakeIntegrationTest extends NotificationIntegrationTest {

	@Test
	void anUnknownTemplateFailsAtIntakeAndIsNeverSent() {
		NotificationRequestedEvent request = withTemplate(new WhatsAppTemplate("kim_promo", "id", List.of("x")));

		publisher.publish(request);

		assertThat(awaitStatus(request)).isEqualTo(NotificationStatus.FAILED);
		assertThat(stored(request).getReason()).isEqualTo(Notification.UNKNOWN_TEMPLATE);
		assertThat(whatsApp().calls(request.notificationId())).isZero();
	}

	@Test
	void aTemplateGivenTheWrongNumberOfVariablesFailsAtIntake() {
		NotificationRequestedEvent request = withTemplate(
				new WhatsAppTemplate("kim_peringatan_bencana", "id", List.of("BANJIR", "Palangka Raya")));

		publisher.publish(request);

		assertThat(awaitStatus(request)).isEqualTo(NotificationStatus.FAILED);
		assertThat(stored(request).getReason()).isEqualTo(Notification.TEMPLATE_VARIABLES);
		assertThat(whatsApp().calls(request.notificationId())).isZero();
	}

	@Test
	void anApprovedTemplateWithItsVariablesIsSent() {
		NotificationRequestedEvent request = withTemplate(new WhatsAppTemplate("kim_peringatan_bencana", "id",
				List.of("BANJIR", "Palangka Raya", "Mengungsi ke posko")));

		publisher.publish(request);

		await().atMost(TIMEOUT).until(() -> whatsApp().accepted().contains(request.notificationId()));
	}

	private static NotificationRequestedEvent withTemplate(WhatsAppTemplate template) {
		NotificationRequestedEvent base = request(randomPhone(), "WHATSAPP", "NORMAL", "62.71",
				UUID.randomUUID().toString(), Instant.now());
		return new NotificationRequestedEvent(base.notificationId(), base.sourceType(), base.sourceId(),
				base.kabupaten(), base.memberId(), base.phone(), base.channel(), base.text(), base.priority(),
				base.requestedAt(), template, null, null);
	}

	private NotificationStatus awaitStatus(NotificationRequestedEvent request) {
		await().atMost(TIMEOUT)
			.until(() -> this.store.findById(request.notificationId(), Notification.class).isPresent());
		return stored(request).getStatus();
	}

	private Notification stored(NotificationRequestedEvent request) {
		return this.store.findById(request.notificationId(), Notification.class).orElseThrow();
	}

	private ScriptedChannelProvider whatsApp() {
		return (ScriptedChannelProvider) this.providers.of(Channel.WHATSAPP).orElseThrow();
	}

}
