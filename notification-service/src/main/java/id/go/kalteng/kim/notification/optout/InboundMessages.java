package id.go.kalteng.kim.notification.optout;

import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.support.observability.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * What the platform does with a text a phone sent back: STOP / BERHENTI opts it out of
 * that channel, START / MULAI back in; anything else is not ours to act on.
 */
@Component
public class InboundMessages {

	private static final Logger log = LoggerFactory.getLogger(InboundMessages.class);

	private final OptOuts optOuts;

	InboundMessages(OptOuts optOuts) {
		this.optOuts = optOuts;
	}

	/**
	 * Handles a reply from a phone (E.164) on a channel.
	 * @return what it changed
	 */
	public Outcome received(String phone, Channel channel, String text) {
		return InboundKeyword.parse(text)
			.map((keyword) -> apply(keyword, phone, channel, text.strip()))
			.orElse(Outcome.NO_KEYWORD);
	}

	private Outcome apply(InboundKeyword keyword, String phone, Channel channel, String word) {
		String reason = word.toUpperCase(java.util.Locale.ROOT);
		if (keyword == InboundKeyword.OPT_OUT) {
			boolean changed = this.optOuts.optOut(phone, channel, reason);
			log.info("{} replied {} on {}: {}", Masking.phone(phone), reason, channel,
					changed ? "opted out" : "already opted out");
			return changed ? Outcome.OPTED_OUT : Outcome.UNCHANGED;
		}
		boolean changed = this.optOuts.optIn(phone, channel, reason);
		log.info("{} replied {} on {}: {}", Masking.phone(phone), reason, channel,
				changed ? "opted in" : "was not opted out");
		return changed ? Outcome.OPTED_IN : Outcome.UNCHANGED;
	}

	/** What a reply changed. */
	public enum Outcome {

		/** The phone opted out of the channel. */
		OPTED_OUT,
		/** The phone opted back in. */
		OPTED_IN,
		/** A keyword that repeated the current state. */
		UNCHANGED,
		/** An ordinary reply. */
		NO_KEYWORD

	}

}
