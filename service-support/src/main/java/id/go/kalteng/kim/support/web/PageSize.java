package id.go.kalteng.kim.support.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A listing's {@code size} query parameter (an {@code int}), read and checked together
 * with its {@link PageNumber} by the platform's one {@link Paging} rule.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PageSize {

	/** The size when the client asks for none. */
	int value() default 20;

	/** The largest size the listing answers. */
	int max() default 100;

}
