package id.go.kalteng.kim.notification.delivery;

import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Stops the start-up when {@code kim.notification.provider} cannot send: a missing or
 * unknown value (a typo would otherwise leave every notification queued forever,
 * silently), or the sandbox outside the {@code local} profile (so that a production
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
		String provider = properties.provider();
		if (provider == null || provider.isBlank()) {
			throw new IllegalStateException("KIM_NOTIFICATION_PROVIDER (kim.notification.provider) is not set;"
					+ " accepted values: " + NotificationProperties.PROVIDERS
					+ " (sandbox only with the Spring profile " + LOCAL_PROFILE + ")");
		}
		if (!NotificationProperties.PROVIDERS.contains(provider)) {
			throw new IllegalStateException("KIM_NOTIFICATION_PROVIDER (kim.notification.provider) is '" + provider
					+ "', which is no provider; accepted values: " + NotificationProperties.PROVIDERS);
		}
		if (NotificationProperties.SANDBOX.equals(provider)
				&& !environment.acceptsProfiles(Profiles.of(LOCAL_PROFILE))) {
			throw new IllegalStateException("KIM_NOTIFICATION_PROVIDER=sandbox needs the Spring profile "
					+ LOCAL_PROFILE + " (SPRING_PROFILES_ACTIVE=" + LOCAL_PROFILE
					+ ", as ./kim sets it): the sandbox sends nothing and opens a test webhook, so it never runs in"
					+ " production; active profiles: " + Arrays.toString(environment.getActiveProfiles()));
		}
		log.info("Provider of every channel: {}", provider);
	}

}
