package id.go.kalteng.kim.notification.optout;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The replies that change what a phone receives: STOP / BERHENTI opt out of the channel,
 * START / MULAI opt back in. Case and surrounding spaces do not matter; any other text is
 * an ordinary reply.
 */
public enum InboundKeyword {

	/** STOP or BERHENTI. */
	OPT_OUT(Set.of("STOP", "BERHENTI")),
	/** START or MULAI. */
	OPT_IN(Set.of("START", "MULAI"));

	private final Set<String> words;

	InboundKeyword(Set<String> words) {
		this.words = words;
	}

	/** The keyword a reply is, if it is one. */
	public static Optional<InboundKeyword> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String word = text.strip().toUpperCase(Locale.ROOT);
		for (InboundKeyword keyword : values()) {
			if (keyword.words.contains(word)) {
				return Optional.of(keyword);
			}
		}
		return Optional.empty();
	}

}
