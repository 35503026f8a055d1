package id.go.kalteng.kim.notification;

import id.go.kalteng.kim.notification.delivery.ChannelProvider;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Puts a {@link ScriptedChannelProvider} around each configured provider, so that tests
 * can make the provider fail in the ways real ones do while the rest of the service runs
 * unchanged.
 */
@TestConfiguration(proxyBeanMethods = false)
class ScriptedProviders {

	@Bean
	static BeanPostProcessor scriptedChannelProviders() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof ChannelProvider provider && !(bean instanceof ScriptedChannelProvider))
						? new ScriptedChannelProvider(provider) : bean;
			}

		};
	}

}
