package id.go.kalteng.kim.notification.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import id.go.kalteng.kim.notification.delivery.DeliveryReports;
import id.go.kalteng.kim.notification.delivery.OutboundMessage;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.notification.tracking.Priority;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

/**
 * The sandbox gives no delivery reports (its SENT is final) unless told to, and then
 * reports each message it stored DELIVERED, as a provider's callback would.
 */
class SandboxDeliveryReportsTest {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T03:00:00Z"), ZoneOffset.UTC);

	@Test
	void bySettingTheSandboxGivesNoDeliveryReports() {
		assertThat(provider().deliveryReports()).isFalse();
	}

	@Test
	void toldToReportItReportsEachStoredMessageDelivered() {
		DeliveryReports reports = mock(DeliveryReports.class);
		SandboxMessages messages = mock(SandboxMessages.class);
		given(messages.store(any(), any())).willReturn("sbx-n-1");
		SandboxDeliveryReports sandboxReports = new SandboxDeliveryReports(reports, Duration.ofMillis(10));
		try {
			SandboxChannelProvider provider = new SandboxChannelProvider(Channel.SMS, messages, Set.of(), CLOCK,
					new SandboxThrottle(0, Channel.SMS, CLOCK, new SimpleMeterRegistry()))
				.reportingTo(sandboxReports);

			assertThat(provider.deliveryReports()).isTrue();
			provider.send(new OutboundMessage("n-1", "+6281234567890", Channel.SMS, "Rapat RT", Priority.NORMAL,
					"BROADCAST", "b-1", "62.71"));

			verify(reports, timeout(5000)).report("n-1", NotificationStatus.DELIVERED, null);
		}
		finally {
			sandboxReports.destroy();
		}
	}

	private static SandboxChannelProvider provider() {
		return new SandboxChannelProvider(Channel.SMS, mock(SandboxMessages.class), Set.of(), CLOCK,
				new SandboxThrottle(0, Channel.SMS, CLOCK, new SimpleMeterRegistry()));
	}

}
