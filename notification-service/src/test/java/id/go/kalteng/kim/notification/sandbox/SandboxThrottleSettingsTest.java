package id.go.kalteng.kim.notification.sandbox;

import java.util.Map;

import id.go.kalteng.kim.notification.delivery.NotificationProperties;
import id.go.kalteng.kim.notification.tracking.Channel;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle simulation is set per channel: the benchmark plays a WhatsApp provider at
 * 80/s while SMS, whose platform limit it lifts, stays unthrottled.
 */
class SandboxThrottleSettingsTest {

	@Test
	void aWhatsAppThrottleLeavesSmsUnthrottled() {
		NotificationProperties properties = bind(Map.of("kim.notification.sandbox.throttle.whatsapp", "80"));

		assertThat(properties.sandbox().throttleOf(Channel.WHATSAPP)).isEqualTo(80);
		assertThat(properties.sandbox().throttleOf(Channel.SMS)).isZero();
	}

	@Test
	void withoutSettingsNoChannelIsThrottled() {
		NotificationProperties properties = bind(Map.of("kim.notification.sms.provider", "sandbox"));

		assertThat(properties.sandbox().throttleOf(Channel.WHATSAPP)).isZero();
		assertThat(properties.sandbox().throttleOf(Channel.SMS)).isZero();
	}

	private static NotificationProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("kim.notification",
				NotificationProperties.class);
	}

}
