package id.go.kalteng.kim.activity.calendar;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * Calendar apps cannot send a bearer token: the feed path is outside the JWT filter
 * chain, and the feed's secret in its URL is what opens it.
 */
@Configuration(proxyBeanMethods = false)
class CalendarSecurity {

	@Bean
	WebSecurityCustomizer publicCalendarFeeds() {
		return (web) -> web.ignoring().requestMatchers(CalendarFeedController.PUBLIC_PATH + "/**");
	}

}
