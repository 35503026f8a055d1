package id.go.kalteng.kim.notification.delivery;

import java.time.Clock;

import id.go.kalteng.kim.notification.cancellation.UnsentEndings;
import id.go.kalteng.kim.support.outbox.AggregateStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.context.ApplicationContext;

/**
 * A second delivery worker on the same database, made of the running service's parts, as
 * another instance of the service would run it.
 */
public final class AnotherWorker {

	private AnotherWorker() {
	}

	public static DeliveryWorker of(ApplicationContext context) {
		return new DeliveryWorker(context.getBean(ChannelProviders.class), context.getBean(ProviderBreakers.class),
				context.getBean(NotificationQueue.class), context.getBean(DeliveryAttempt.class),
				context.getBean(AggregateStore.class), context.getBean(NotificationProperties.class),
				context.getBean(Clock.class), new QueuedNotifications(context.getBean(AggregateStore.class)),
				context.getBean(UnsentEndings.class), new SimpleMeterRegistry());
	}

}
