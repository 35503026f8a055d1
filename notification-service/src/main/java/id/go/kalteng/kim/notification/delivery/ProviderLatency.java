package id.go.kalteng.kim.notification.delivery;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;

import id.go.kalteng.kim.support.observability.TraceContexts;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Times every provider call ({@code kim.provider.latency}, by channel, provider and
 * outcome: {@code ok} or the exception's simple name) and runs it in a span continuing
 * the trace its notification request came in with (the gateway request that approved the
 * broadcast, through the fan-out): the intake remembers each request's trace by
 * notification id (at most {@code kim.tracing.remembered-sends}), the send happens later
 * on a delivery thread. Each {@link ChannelProvider} bean is wrapped in a proxy that
 * hands every call on unchanged, so the providers and the delivery code stay as they are.
 * With {@code logging.level.kim.sends=DEBUG} each send is logged in its trace (ids only,
 * no phone number).
 */
@Component
class ProviderLatency implements BeanPostProcessor {

	static final String METER = "kim.provider.latency";

	/** The intake's consumer (IntakeConfiguration), whose requests' traces are kept. */
	static final String INTAKE = "notification-service";

	private static final Logger sends = LoggerFactory.getLogger("kim.sends");

	private final ObjectProvider<MeterRegistry> meters;

	ProviderLatency(ObjectProvider<MeterRegistry> meters,
			@Value("${kim.tracing.remembered-sends:50000}") int rememberedSends) {
		this.meters = meters;
		if (rememberedSends > 0) {
			TraceContexts.rememberSubjectsOf(INTAKE, rememberedSends);
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof ChannelProvider provider) || Proxy.isProxyClass(bean.getClass())) {
			return bean;
		}
		return Proxy.newProxyInstance(ChannelProvider.class.getClassLoader(), new Class<?>[] { ChannelProvider.class },
				(proxy, method, arguments) -> {
					if (!"send".equals(method.getName()) || arguments == null || arguments.length != 1
							|| !(arguments[0] instanceof OutboundMessage message)) {
						return invoke(method, provider, arguments);
					}
					return TraceContexts.continued(TraceContexts.recall(message.notificationId()), "kim.provider.send",
							provider.name() + " send",
							KeyValues.of("channel", provider.channel().name(), "provider", provider.name()),
							() -> timedSend(provider, method, message));
				});
	}

	private Object timedSend(ChannelProvider provider, Method method, OutboundMessage message) {
		if (sends.isDebugEnabled()) {
			sends.debug("Sending notification {} ({} {}) on {} via {}", message.notificationId(), message.sourceType(),
					message.sourceId(), provider.channel(), provider.name());
		}
		long start = System.nanoTime();
		String outcome = "ok";
		try {
			return invoke(method, provider, new Object[] { message });
		}
		catch (RuntimeException | Error ex) {
			outcome = ex.getClass().getSimpleName();
			throw ex;
		}
		finally {
			MeterRegistry registry = this.meters.getIfAvailable();
			if (registry != null) {
				Timer.builder(METER)
					.description("time a provider took to answer a send")
					.tags("channel", provider.channel().name(), "provider", provider.name(), "outcome", outcome)
					.publishPercentileHistogram()
					.register(registry)
					.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			}
		}
	}

	private static Object invoke(Method method, ChannelProvider provider, Object[] arguments) {
		try {
			return method.invoke(provider, arguments);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
