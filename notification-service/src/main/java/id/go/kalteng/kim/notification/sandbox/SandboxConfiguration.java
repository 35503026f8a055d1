package id.go.kalteng.kim.notification.sandbox;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import id.go.kalteng.kim.notification.delivery.ChannelProvider;
import id.go.kalteng.kim.notification.delivery.DeliveryReports;
import id.go.kalteng.kim.notification.delivery.NotificationProperties;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.support.phone.PhoneNumbers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sandbox as the provider of a channel (of both by default in the local profile). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandbox
class SandboxConfiguration {

	@Bean
	@ConditionalOnProperty(name = SandboxUsed.WHATSAPP, havingValue = NotificationProperties.SANDBOX)
	ChannelProvider sandboxWhatsApp(SandboxMessages messages, NotificationProperties properties, Clock clock,
			ObjectProvider<MeterRegistry> meters, ObjectProvider<SandboxDeliveryReports> reports) {
		return new SandboxChannelProvider(Channel.WHATSAPP, messages, failingPhones(properties), clock,
				throttle(Channel.WHATSAPP, properties, clock, meters),
				normalised(properties.sandbox().notOnWhatsapp(), "not-on-whatsapp"))
			.reportingTo(reports.getIfAvailable());
	}

	@Bean
	@ConditionalOnProperty(name = SandboxUsed.SMS, havingValue = NotificationProperties.SANDBOX)
	ChannelProvider sandboxSms(SandboxMessages messages, NotificationProperties properties, Clock clock,
			ObjectProvider<MeterRegistry> meters, ObjectProvider<SandboxDeliveryReports> reports) {
		return new SandboxChannelProvider(Channel.SMS, messages, failingPhones(properties), clock,
				throttle(Channel.SMS, properties, clock, meters))
			.reportingTo(reports.getIfAvailable());
	}

	/** Only with {@code kim.notification.sandbox.delivery-reports=true}. */
	@Bean
	@ConditionalOnProperty(name = "kim.notification.sandbox.delivery-reports", havingValue = "true")
	SandboxDeliveryReports sandboxDeliveryReports(DeliveryReports reports) {
		return new SandboxDeliveryReports(reports, SandboxDeliveryReports.DELAY);
	}

	private static SandboxThrottle throttle(Channel channel, NotificationProperties properties, Clock clock,
			ObjectProvider<MeterRegistry> meters) {
		// slices without metrics still get a sandbox
		return new SandboxThrottle(properties.sandbox().throttleOf(channel), channel, clock,
				meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	private static Set<String> failingPhones(NotificationProperties properties) {
		return normalised(properties.sandbox().failingPhones(), "failing-phones");
	}

	private static Set<String> normalised(List<String> phones, String setting) {
		return phones.stream()
			.map((phone) -> PhoneNumbers.normalise(phone)
				.orElseThrow(() -> new IllegalArgumentException(
						"kim.notification.sandbox." + setting + " has an invalid number")))
			.collect(Collectors.toUnmodifiableSet());
	}

}
