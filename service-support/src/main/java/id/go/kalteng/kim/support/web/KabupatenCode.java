package id.go.kalteng.kim.support.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A kabupaten/kota code of Kalimantan Tengah ({@code 62.71}), or nothing: a filter by a
 * code that does not exist is a 400 naming it rather than an empty answer.
 */
@Target({ ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Constraint(validatedBy = KabupatenCodeValidator.class)
public @interface KabupatenCode {

	String message() default "must be a kabupaten/kota code of Kalimantan Tengah (62.01 … 62.13, 62.71)";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
