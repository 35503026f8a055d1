package id.go.kalteng.kim.support.web;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web rules every service shares: one paging rule for every listing
 * ({@link PageNumber}, {@link PageSize}) and problem+json for requests refused before
 * they reach a controller.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class KimWebConfiguration {

	@Bean
	WebMvcConfigurer kimPagingArgumentResolver() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new PagingArgumentResolver());
			}
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RequestRejectedHandler.class)
	static class FirewallConfiguration {

		/**
		 * A path the security firewall refuses ({@code %00}, {@code ..}, encoded slashes)
		 * is a 400 problem too, not a bare status.
		 */
		@Bean
		@ConditionalOnMissingBean(RequestRejectedHandler.class)
		RequestRejectedHandler problemJsonRequestRejectedHandler() {
			return new ProblemJsonRequestRejectedHandler();
		}

	}

}
