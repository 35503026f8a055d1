package id.go.kalteng.kim.notification.tracking;

import java.util.Locale;
import java.util.Optional;

/** The ways a message reaches a phone. */
public enum Channel {

	/** WhatsApp Cloud API. */
	WHATSAPP,
	/** SMS through a gateway. */
	SMS;

	/** The channel named (case-insensitive), or empty when none is. */
	public static Optional<Channel> parse(String name) {
		if (name == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
