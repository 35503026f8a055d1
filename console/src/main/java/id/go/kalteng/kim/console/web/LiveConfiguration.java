package id.go.kalteng.kim.console.web;

import java.util.concurrent.Executor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads that follow live progress for browsers: one per open live page, bounded so
 * that many open pages cannot exhaust the console.
 */
@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

	/** Live pages followed at once; more wait (their browsers see the last state). */
	static final int FOLLOWERS = 32;

	@Bean
	Executor liveFollowers() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(FOLLOWERS);
		executor.setMaxPoolSize(FOLLOWERS);
		executor.setQueueCapacity(256);
		executor.setThreadNamePrefix("live-");
		executor.setAllowCoreThreadTimeOut(true);
		executor.initialize();
		return executor;
	}

}
