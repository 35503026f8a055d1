package id.go.kalteng.kim.notification.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import id.go.kalteng.kim.notification.delivery.ProviderSelection;

import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Profile;

/**
 * Marks what exists only while the sandbox is the provider: the Spring profile
 * {@code local} is active AND the sandbox is the provider of WhatsApp or SMS
 * ({@code kim.notification.whatsapp.provider} / {@code .sms.provider}, the local
 * profile's default). Elsewhere its endpoints answer 404, and a production configuration
 * cannot switch it on by the provider setting alone (without the profile the start-up
 * fails, see {@code ProviderSelection}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Profile(ProviderSelection.LOCAL_PROFILE)
@Conditional(SandboxUsed.class)
@interface ConditionalOnSandbox {

}
