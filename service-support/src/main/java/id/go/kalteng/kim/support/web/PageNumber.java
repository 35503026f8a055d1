package id.go.kalteng.kim.support.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A listing's {@code page} query parameter (an {@code int}, from 0, default 0), read and
 * checked together with its {@link PageSize} by the platform's one {@link Paging} rule.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PageNumber {

}
