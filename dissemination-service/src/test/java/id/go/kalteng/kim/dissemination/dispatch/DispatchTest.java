package id.go.kalteng.kim.dissemination.dispatch;

import java.time.Instant;

import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DispatchTest {

	private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

	@Test
	void aRedoneFanOutRequestsTheSameNotificationUnderTheSameEventId() {
		Dispatch first = Dispatch.queue("b-1", "m-1", "hash-1", "SMS", "62.71");
		Dispatch again = Dispatch.queue("b-1", "m-1", "hash-1", "SMS", "62.71");

		assertThat(again.getId()).isEqualTo(first.getId());
		assertThat(again.requestEventId()).isEqualTo(first.requestEventId()).isNotEqualTo(first.getId());
		assertThat(Dispatch.queue("b-1", "m-1", "hash-1", "WHATSAPP", "62.71").requestEventId())
			.isNotEqualTo(first.requestEventId());
		assertThat(Dispatch.queue("b-2", "m-1", "hash-1", "SMS", "62.71").requestEventId())
			.isNotEqualTo(first.requestEventId());
	}

	@Test
	void theRequestCarriesThePhoneTheDispatchDoesNotKeep() {
		Dispatch dispatch = Dispatch.queue("b-1", "m-1", "hash-1", "SMS", "62.71");

		NotificationRequestedEvent request = dispatch.request("+6281300000001", "Banjir", "URGENT", NOW);

		assertThat(request.notificationId()).isEqualTo(dispatch.getId());
		assertThat(request.phone()).isEqualTo("+6281300000001");
		assertThat(request.sourceType()).isEqualTo("BROADCAST");
		assertThat(request.sourceId()).isEqualTo("b-1");
		assertThat(request.channel()).isEqualTo("SMS");
		assertThat(request.priority()).isEqualTo("URGENT");
		assertThat(dispatch.getPhoneHash()).isEqualTo("hash-1");
	}

}
