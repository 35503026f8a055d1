package id.go.kalteng.kim.notification.delivery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import id.go.kalteng.kim.notification.tracking.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Stops the start-up when a channel's provider cannot send: a missing or unknown value of
 * {@code KIM_WHATSAPP_PROVIDER} / {@code KIM_SMS_PROVIDER} (a typo would otherwise leave
 * every notification queued forever, silently), a real provider without its required
 * settings, or the sandbox outside the {@code local} profile (so that a production
 * configuration cannot turn on a provider that sends nothing and a public webhook by
 * accident).
 */
@Component
public class ProviderSelection {

	/**
	 * The Spring profile of local runs ({@code ./kim}) and tests: the sandbox's only
	 * home.
	 */
	public static final String LOCAL_PROFILE = "local";

	private static final Logger log = LoggerFactory.getLogger(ProviderSelection.class);

	ProviderSelection(NotificationProperties properties, Environment environment) {
		check(Channel.WHATSAPP, "KIM_WHATSAPP_PROVIDER (kim.notification.whatsapp.provider)",
				properties.whatsapp().provider(), NotificationProperties.WHATSAPP_PROVIDERS, environment);
		check(Channel.SMS, "KIM_SMS_PROVIDER (kim.notification.sms.provider)", properties.sms().provider(),
				NotificationProperties.SMS_PROVIDERS, environment);
		List<String> missing = missingSettings(properties);
		if (!missing.isEmpty()) {
			throw new IllegalStateException(
					"The chosen providers lack required settings: " + String.join(", ", missing));
		}
		if (environment.getProperty("KIM_NOTIFICATION_PROVIDER") != null) {
			log.warn("KIM_NOTIFICATION_PROVIDER is no longer read: set KIM_WHATSAPP_PROVIDER and KIM_SMS_PROVIDER");
		}
		log.info("Providers: WhatsApp {}, SMS {}; callbacks under {}", properties.whatsapp().provider(),
				properties.sms().provider(), properties.publicBaseUrl());
	}

	private static void check(Channel channel, String setting, String provider, List<String> accepted,
			Environment environment) {
		if (provider == null || provider.isBlank()) {
			throw new IllegalStateException(setting + " is not set; accepted values: " + accepted
					+ " (sandbox only with the Spring profile " + LOCAL_PROFILE + ")");
		}
		if (!accepted.contains(provider)) {
			throw new IllegalStateException(setting + " is '" + provider + "', which is no " + channel
					+ " provider; accepted values: " + accepted);
		}
		if (NotificationProperties.SANDBOX.equals(provider)
				&& !environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
			throw new IllegalStateException(setting.substring(0, setting.indexOf(' '))
					+ "=sandbox needs the Spring profile " + LOCAL_PROFILE + " (SPRING_PROFILES_ACTIVE=" + LOCAL_PROFILE
					+ ", as ./kim sets it): the sandbox sends nothing and opens a test webhook, so it never runs in"
					+ " production; active profiles: " + Arrays.toString(environment.getActiveProfiles()));
		}
	}

	/** The environment variables a chosen provider needs and lacks. */
	static List<String> missingSettings(NotificationProperties properties) {
		List<String> missing = new ArrayList<>();
		if (NotificationProperties.CLOUD_API.equals(properties.whatsapp().provider())) {
			NotificationProperties.WhatsApp w = properties.whatsapp();
			require(missing, "KIM_WHATSAPP_BASE_URL", w.baseUrl());
			require(missing, "KIM_WHATSAPP_PHONE_NUMBER_ID", w.phoneNumberId());
			require(missing, "KIM_WHATSAPP_TOKEN", w.token());
			require(missing, "KIM_WHATSAPP_APP_SECRET", w.appSecret());
			require(missing, "KIM_WHATSAPP_VERIFY_TOKEN", w.verifyToken());
			require(missing, "KIM_WHATSAPP_DEFAULT_TEMPLATE", w.defaultTemplate());
		}
		if (NotificationProperties.INFOBIP.equals(properties.sms().provider())) {
			require(missing, "KIM_INFOBIP_BASE_URL", properties.infobip().baseUrl());
			require(missing, "KIM_INFOBIP_API_KEY", properties.infobip().apiKey());
			require(missing, "KIM_INFOBIP_SENDER", properties.infobip().sender());
		}
		if (NotificationProperties.ZENZIVA.equals(properties.sms().provider())) {
			require(missing, "KIM_ZENZIVA_BASE_URL", properties.zenziva().baseUrl());
			require(missing, "KIM_ZENZIVA_USERKEY", properties.zenziva().userkey());
			require(missing, "KIM_ZENZIVA_PASSKEY", properties.zenziva().passkey());
		}
		if (!NotificationProperties.SANDBOX.equals(properties.whatsapp().provider())
				|| !NotificationProperties.SANDBOX.equals(properties.sms().provider())) {
			// the callback URLs registered with the provider derive from it
			require(missing, "KIM_PUBLIC_BASE_URL", properties.publicBaseUrl());
		}
		return missing;
	}

	private static void require(List<String> missing, String name, String value) {
		if (value == null || value.isBlank()) {
			missing.add(name);
		}
	}

}
