package id.go.kalteng.kim.notification.delivery;

import java.util.Locale;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * One circuit breaker per provider, so that an outage pauses that provider's channel
 * instead of spending every waiting notification's attempts: while it is open nothing of
 * the channel is claimed; after {@code open-for} it lets probes through, and a probe that
 * gets through closes it. Its state and calls are metrics
 * ({@code resilience4j.circuitbreaker.*}, tag {@code name} = channel-provider, e.g.
 * {@code sms-sandbox}).
 */
@Component
public class ProviderBreakers implements MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(ProviderBreakers.class);

	private final CircuitBreakerRegistry registry;

	ProviderBreakers(NotificationProperties properties) {
		NotificationProperties.Delivery delivery = properties.delivery();
		NotificationProperties.Breaker settings = delivery.breaker();
		if (settings.window() * settings.failureRate() > delivery.maxAttempts() * 100) {
			log.warn(
					"A notification alone on a channel may spend its {} attempts during an outage before the "
							+ "breaker opens: keep window x failure-rate ({} x {}%) at most max-attempts",
					delivery.maxAttempts(), settings.window(), settings.failureRate());
		}
		this.registry = CircuitBreakerRegistry.of(configOf(settings));
		this.registry.getEventPublisher()
			.onEntryAdded((added) -> added.getAddedEntry()
				.getEventPublisher()
				.onStateTransition((event) -> log.warn("Provider breaker {}: {}", event.getCircuitBreakerName(),
						event.getStateTransition())));
	}

	static CircuitBreakerConfig configOf(NotificationProperties.Breaker settings) {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.window())
			.minimumNumberOfCalls(settings.minimumCalls())
			.failureRateThreshold(settings.failureRate())
			.waitDurationInOpenState(settings.openFor())
			.permittedNumberOfCallsInHalfOpenState(settings.probes())
			.build();
	}

	/** The breaker of a provider. */
	public CircuitBreaker of(ChannelProvider provider) {
		return this.registry.circuitBreaker(nameOf(provider));
	}

	static String nameOf(ChannelProvider provider) {
		return (provider.channel().name() + "-" + provider.name()).toLowerCase(Locale.ROOT);
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(this.registry).bindTo(meters);
	}

}
