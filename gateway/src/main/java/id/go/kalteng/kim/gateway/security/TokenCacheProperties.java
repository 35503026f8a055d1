package id.go.kalteng.kim.gateway.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway remembers verified tokens ({@code kim.gateway.token-cache.*}).
 *
 * @param maximumSize tokens remembered at most (least recently used go first); 0 turns
 * the cache off
 * @param maxAge longest a verified token is trusted without checking its signature again,
 * even if it expires later
 */
@ConfigurationProperties("kim.gateway.token-cache")
public record TokenCacheProperties(@DefaultValue("4096") long maximumSize, @DefaultValue("5m") Duration maxAge) {

}
