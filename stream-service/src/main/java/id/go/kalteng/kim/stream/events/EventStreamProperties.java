package id.go.kalteng.kim.stream.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the SSE streams.
 *
 * @param heartbeat how often an idle stream gets a comment line (keeps proxies from
 * closing it and finds clients that went away)
 * @param maxStreams open streams at most; one more is refused with 503
 * @param maxBuffered records read ahead per stream: the most a slow client makes this
 * service hold (writes block until the client takes them; nothing queues behind them)
 */
@ConfigurationProperties("kim.stream.sse")
public record EventStreamProperties(Duration heartbeat, int maxStreams, int maxBuffered) {

	public EventStreamProperties {
		heartbeat = (heartbeat != null) ? heartbeat : Duration.ofSeconds(15);
		maxStreams = (maxStreams > 0) ? maxStreams : 200;
		maxBuffered = (maxBuffered > 0) ? maxBuffered : 100;
	}

}
