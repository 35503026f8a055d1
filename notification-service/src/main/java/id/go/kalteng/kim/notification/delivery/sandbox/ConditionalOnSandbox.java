package id.go.kalteng.kim.notification.delivery.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks what exists only while the sandbox is the provider
 * ({@code kim.notification.provider: sandbox}, the local default): elsewhere its
 * endpoints answer 404.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(name = "kim.notification.provider", havingValue = "sandbox", matchIfMissing = true)
@interface ConditionalOnSandbox {

}
