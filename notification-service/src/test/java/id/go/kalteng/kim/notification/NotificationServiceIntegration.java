package id.go.kalteng.kim.notification;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import id.go.kalteng.kim.notification.delivery.ProviderSelection;
import id.go.kalteng.kim.support.test.KimIntegrationTest;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole service on the real broker and database, in the {@code local} profile (the
 * sandbox is the provider, as under {@code ./kim}), with a short lease, quick retries and
 * a circuit breaker that reopens within a second, so that crashes and outages play out in
 * seconds; each provider is wrapped in a {@link ScriptedChannelProvider}. Every class
 * using it shares one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@KimIntegrationTest
@ActiveProfiles(ProviderSelection.LOCAL_PROFILE)
@SpringBootTest(properties = { "kim.notification.sandbox.webhook-secret=" + NotificationFixtures.SANDBOX_SECRET,
		"kim.notification.delivery.poll-interval=200ms", "kim.notification.delivery.lease=2s",
		"kim.notification.delivery.recovery-interval=500ms", "kim.notification.delivery.max-attempts=3",
		"kim.notification.delivery.backoff-initial=100ms", "kim.notification.delivery.backoff-jitter=0",
		"kim.notification.delivery.breaker.open-for=1s", "kim.notification.cancellation.refresh=500ms",
		"kim.notification.sandbox.failing-phones=" + NotificationFixtures.FAILING_PHONE,
		"kim.notification.sandbox.not-on-whatsapp=" + NotificationFixtures.NOT_ON_WHATSAPP })
@Import({ ScriptedProviders.class, DatabaseCommands.class })
@interface NotificationServiceIntegration {

}
