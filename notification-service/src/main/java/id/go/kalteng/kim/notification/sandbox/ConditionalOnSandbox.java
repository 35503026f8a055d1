package id.go.kalteng.kim.notification.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import id.go.kalteng.kim.notification.delivery.NotificationProperties;
import id.go.kalteng.kim.notification.delivery.ProviderSelection;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;

/**
 * Marks what exists only while the sandbox is the provider: the Spring profile
 * {@code local} is active AND {@code kim.notification.provider} is {@code sandbox} (the
 * local profile's default). Elsewhere its endpoints answer 404, and a production
 * configuration cannot switch it on by the provider setting alone (without the profile
 * the start-up fails, see {@code ProviderSelection}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Profile(ProviderSelection.LOCAL_PROFILE)
@ConditionalOnProperty(name = "kim.notification.provider", havingValue = NotificationProperties.SANDBOX)
@interface ConditionalOnSandbox {

}
