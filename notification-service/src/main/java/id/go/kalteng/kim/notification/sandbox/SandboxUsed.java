package id.go.kalteng.kim.notification.sandbox;

import id.go.kalteng.kim.notification.delivery.NotificationProperties;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when the sandbox is the provider of WhatsApp or SMS. */
class SandboxUsed implements Condition {

	static final String WHATSAPP = "kim.notification.whatsapp.provider";

	static final String SMS = "kim.notification.sms.provider";

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return NotificationProperties.SANDBOX.equals(context.getEnvironment().getProperty(WHATSAPP))
				|| NotificationProperties.SANDBOX.equals(context.getEnvironment().getProperty(SMS));
	}

}
