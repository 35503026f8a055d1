package id.go.kalteng.kim.notification.delivery;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Times every provider call ({@code kim.provider.latency}, by channel, provider and
 * outcome: {@code ok} or the exception's simple name) by wrapping each
 * {@link ChannelProvider} bean in a proxy that hands every call on unchanged, so the
 * providers and the delivery code stay as they are.
 */
@Component
class ProviderLatency implements BeanPostProcessor {

	static final String METER = "kim.provider.latency";

	private final ObjectProvider<MeterRegistry> meters;

	ProviderLatency(ObjectProvider<MeterRegistry> meters) {
		this.meters = meters;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof ChannelProvider provider) || Proxy.isProxyClass(bean.getClass())) {
			return bean;
		}
		return Proxy.newProxyInstance(ChannelProvider.class.getClassLoader(), new Class<?>[] { ChannelProvider.class },
				(proxy, method, arguments) -> {
					if (!"send".equals(method.getName())) {
						return invoke(method, provider, arguments);
					}
					long start = System.nanoTime();
					String outcome = "ok";
					try {
						return invoke(method, provider, arguments);
					}
					catch (RuntimeException ex) {
						outcome = ex.getClass().getSimpleName();
						throw ex;
					}
					finally {
						MeterRegistry registry = this.meters.getIfAvailable();
						if (registry != null) {
							Timer.builder(METER)
								.description("time a provider took to answer a send")
								.tags("channel", provider.channel().name(), "provider", provider.name(), "outcome",
										outcome)
								.publishPercentileHistogram()
								.register(registry)
								.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
						}
					}
				});
	}

	private static Object invoke(java.lang.reflect.Method method, ChannelProvider provider, Object[] arguments)
			throws Throwable {
		try {
			return method.invoke(provider, arguments);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
