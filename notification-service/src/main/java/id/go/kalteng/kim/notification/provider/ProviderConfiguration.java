package id.go.kalteng.kim.notification.provider;

import id.go.kalteng.kim.notification.delivery.ChannelProvider;
import id.go.kalteng.kim.notification.delivery.NotificationProperties;
import id.go.kalteng.kim.notification.delivery.ProviderSelection;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The real providers, each when configured as its channel's provider
 * ({@code KIM_WHATSAPP_PROVIDER}, {@code KIM_SMS_PROVIDER}); {@code ProviderSelection}
 * has checked their settings before (each bean takes it, so that it is made first).
 */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

	@Bean
	@ConditionalOnProperty(name = "kim.notification.whatsapp.provider", havingValue = NotificationProperties.CLOUD_API)
	ChannelProvider whatsAppCloudApi(NotificationProperties properties, JsonMapper json, ProviderSelection checked) {
		return new WhatsAppCloudApi(properties.whatsapp(), http(properties), json);
	}

	@Bean
	@ConditionalOnProperty(name = "kim.notification.sms.provider", havingValue = NotificationProperties.INFOBIP)
	ChannelProvider infobipSms(NotificationProperties properties, JsonMapper json, ProviderSelection checked) {
		return new InfobipSms(properties, http(properties), json);
	}

	@Bean
	@ConditionalOnProperty(name = "kim.notification.sms.provider", havingValue = NotificationProperties.ZENZIVA)
	ChannelProvider zenzivaSms(NotificationProperties properties, JsonMapper json, ProviderSelection checked) {
		return new ZenzivaSms(properties.zenziva(), http(properties), json);
	}

	private static ProviderHttp http(NotificationProperties properties) {
		return new ProviderHttp(properties.http().connectTimeout(), properties.http().readTimeout());
	}

}
