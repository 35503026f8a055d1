package id.go.kalteng.kim.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-client request budget of the gateway ({@code kim.gateway.rate-limit.*}).
 *
 * @param requestsPerSecond requests one client (JWT {@code sub}, else remote address) may
 * make per second
 */
@ConfigurationProperties("kim.gateway.rate-limit")
public record RateLimitProperties(@DefaultValue("50") int requestsPerSecond) {

}
