package id.go.kalteng.kim.notification.sandbox;

import java.time.Clock;

import id.go.kalteng.kim.notification.delivery.ChannelProvider;
import id.go.kalteng.kim.notification.delivery.DeliveryReports;
import id.go.kalteng.kim.notification.delivery.NotificationProperties;
import id.go.kalteng.kim.notification.delivery.ProviderSelection;
import id.go.kalteng.kim.notification.delivery.WebhookReplays;
import id.go.kalteng.kim.notification.optout.InboundMessages;
import id.go.kalteng.kim.notification.tracking.Channel;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox is a local feature: wired only in the {@code local} profile with the
 * sandbox as a channel's provider, and any other combination that would leave the service
 * unable to send stops the start-up with a message saying what to set. Configuration as
 * in {@code application.yml}.
 */
class SandboxAvailabilityTest {

	private static final String SECRET = "kim.notification.sandbox.webhook-secret=a-generated-secret-of-48-characters-0123456";

	private static final String[] BOTH_SANDBOX = { "kim.notification.whatsapp.provider=sandbox",
			"kim.notification.sms.provider=sandbox" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withUserConfiguration(Collaborators.class, ProviderSelection.class, SandboxConfiguration.class,
				SandboxMessageController.class, SandboxWebhookController.class);

	@Test
	void theLocalProfileRunsTheSandboxByDefault() {
		this.runner.withPropertyValues("spring.profiles.active=local", SECRET).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(SandboxMessageController.class)
				.hasSingleBean(SandboxWebhookController.class);
			assertThat(context.getBeansOfType(ChannelProvider.class).values()).extracting(ChannelProvider::name)
				.containsExactly("sandbox", "sandbox");
		});
	}

	@Test
	void theSandboxWithoutTheLocalProfileStopsTheStartUp() {
		this.runner.withPropertyValues(BOTH_SANDBOX[0], BOTH_SANDBOX[1], SECRET)
			.run((context) -> assertStartUpFails(context, "KIM_WHATSAPP_PROVIDER=sandbox needs the Spring profile",
					"SPRING_PROFILES_ACTIVE=local"));
		this.runner.withPropertyValues(BOTH_SANDBOX[0], BOTH_SANDBOX[1], "spring.profiles.active=prod", SECRET)
			.run((context) -> assertStartUpFails(context, "needs the Spring profile local"));
	}

	@Test
	void theSandboxIsNeverWiredWithoutTheLocalProfile() {
		new ApplicationContextRunner()
			.withUserConfiguration(Collaborators.class, SandboxConfiguration.class, SandboxMessageController.class)
			.withPropertyValues(BOTH_SANDBOX)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SandboxMessageController.class)
				.doesNotHaveBean(ChannelProvider.class));
	}

	@Test
	void theSandboxCanPlayOneChannelWhileARealProviderSendsTheOther() {
		new ApplicationContextRunner().withInitializer(new ConfigDataApplicationContextInitializer())
			.withUserConfiguration(Collaborators.class, SandboxConfiguration.class, SandboxMessageController.class)
			.withPropertyValues("spring.profiles.active=local", "kim.notification.whatsapp.provider=cloud-api", SECRET)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(SandboxMessageController.class);
				assertThat(context.getBeansOfType(ChannelProvider.class).values()).extracting(ChannelProvider::channel)
					.containsExactly(Channel.SMS);
			});
	}

	@Test
	void anUnknownProviderStopsTheStartUpListingTheAcceptedValues() {
		this.runner
			.withPropertyValues("kim.notification.sms.provider=twilio-typo", "spring.profiles.active=local", SECRET)
			.run((context) -> assertStartUpFails(context, "KIM_SMS_PROVIDER (kim.notification.sms.provider)",
					"'twilio-typo', which is no SMS provider", "accepted values: [infobip, zenziva, sandbox]"));
		this.runner
			.withPropertyValues("kim.notification.whatsapp.provider=twilio", "spring.profiles.active=local", SECRET)
			.run((context) -> assertStartUpFails(context, "'twilio', which is no WHATSAPP provider",
					"accepted values: [cloud-api, sandbox]"));
	}

	@Test
	void noProviderOutsideTheLocalProfileStopsTheStartUp() {
		this.runner.withPropertyValues(SECRET)
			.run((context) -> assertStartUpFails(context,
					"KIM_WHATSAPP_PROVIDER (kim.notification.whatsapp.provider) is not set",
					"accepted values: [cloud-api, sandbox]"));
	}

	@Test
	void aRealProviderWithoutItsSettingsStopsTheStartUpNamingThem() {
		this.runner
			.withPropertyValues("kim.notification.whatsapp.provider=cloud-api", "kim.notification.sms.provider=zenziva",
					"kim.notification.whatsapp.token=t0k3n")
			.run((context) -> assertStartUpFails(context, "lack required settings", "KIM_WHATSAPP_PHONE_NUMBER_ID",
					"KIM_WHATSAPP_APP_SECRET", "KIM_WHATSAPP_VERIFY_TOKEN", "KIM_WHATSAPP_DEFAULT_TEMPLATE",
					"KIM_ZENZIVA_BASE_URL", "KIM_ZENZIVA_USERKEY", "KIM_ZENZIVA_PASSKEY"));
		this.runner
			.withPropertyValues("kim.notification.whatsapp.provider=cloud-api", "kim.notification.sms.provider=infobip",
					"kim.notification.whatsapp.phone-number-id=1", "kim.notification.whatsapp.token=t",
					"kim.notification.whatsapp.app-secret=s", "kim.notification.whatsapp.verify-token=v",
					"kim.notification.whatsapp.default-template=kim_pesan",
					"kim.notification.infobip.base-url=http://x", "kim.notification.infobip.api-key=k")
			.run((context) -> {
				assertStartUpFails(context, "KIM_INFOBIP_SENDER");
				assertThat(context.getStartupFailure()).rootCause().message().doesNotContain("KIM_WHATSAPP");
			});
	}

	@Test
	void theSandboxDoesNotStartWithoutAWebhookSecretOfItsOwn() {
		this.runner.withPropertyValues("spring.profiles.active=local")
			.run((context) -> assertStartUpFails(context, "KIM_SANDBOX_WEBHOOK_SECRET", "is not set",
					".kim/data/secrets/sandbox-webhook-secret"));
		// the default this service once published
		this.runner
			.withPropertyValues("spring.profiles.active=local",
					"kim.notification.sandbox.webhook-secret=kim-sandbox-secret")
			.run((context) -> assertStartUpFails(context, "KIM_SANDBOX_WEBHOOK_SECRET", "too short"));
	}

	private static void assertStartUpFails(AssertableApplicationContext context, String... messages) {
		assertThat(context).hasFailed();
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
		assertThat(cause).isInstanceOf(IllegalStateException.class);
		for (String message : messages) {
			assertThat(cause.getMessage()).contains(message);
		}
	}

	/**
	 * What the sandbox's parts need from the rest of the service, whatever the profile.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(NotificationProperties.class)
	static class Collaborators {

		@Bean
		SandboxMessages sandboxMessages() {
			return Mockito.mock(SandboxMessages.class);
		}

		@Bean
		DeliveryReports deliveryReports() {
			return Mockito.mock(DeliveryReports.class);
		}

		@Bean
		InboundMessages inboundMessages() {
			return Mockito.mock(InboundMessages.class);
		}

		@Bean
		WebhookReplays webhookReplays() {
			return Mockito.mock(WebhookReplays.class);
		}

		@Bean
		JsonMapper jsonMapper() {
			return new JsonMapper();
		}

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

	}

}
