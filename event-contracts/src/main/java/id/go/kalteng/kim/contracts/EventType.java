package id.go.kalteng.kim.contracts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the CloudEvents type and the topic of an event record, so producers never spell
 * them by hand. The JSON Schema of the type lives at {@code schemas/<type>.json}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface EventType {

	/** The CloudEvents {@code type}, e.g. {@code kim.group.member-joined.v1}. */
	String value();

	/** The topic the event is published to. */
	String topic();

}
