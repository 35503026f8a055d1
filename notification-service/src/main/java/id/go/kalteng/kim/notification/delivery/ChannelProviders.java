package id.go.kalteng.kim.notification.delivery;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import id.go.kalteng.kim.notification.tracking.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The provider of each channel, as configured by
 * {@code kim.notification.whatsapp.provider} and {@code kim.notification.sms.provider}. A
 * channel without a provider is not sent: its notifications wait, queued.
 */
@Component
public class ChannelProviders {

	private static final Logger log = LoggerFactory.getLogger(ChannelProviders.class);

	private final Map<Channel, ChannelProvider> byChannel = new EnumMap<>(Channel.class);

	ChannelProviders(List<ChannelProvider> providers, NotificationProperties properties) {
		for (ChannelProvider provider : providers) {
			ChannelProvider previous = this.byChannel.put(provider.channel(), provider);
			if (previous != null) {
				throw new IllegalStateException(
						"two providers for " + provider.channel() + ": " + previous.name() + " and " + provider.name());
			}
		}
		for (Channel channel : Channel.values()) {
			if (!this.byChannel.containsKey(channel)) {
				log.warn("No provider for {} (configured: {}): its notifications stay queued", channel,
						properties.providerOf(channel));
			}
		}
	}

	/** The provider of a channel, if one is configured. */
	public Optional<ChannelProvider> of(Channel channel) {
		return Optional.ofNullable(this.byChannel.get(channel));
	}

	/** Every configured provider, one per channel. */
	public List<ChannelProvider> all() {
		return List.copyOf(this.byChannel.values());
	}

}
