package id.go.kalteng.kim.stream.publiclog;

import java.util.List;
import java.util.Optional;

import id.go.kalteng.kim.contracts.Kabupaten;

/**
 * The names of the public topics: {@code kim.public.<code>} with the code's dot as a dash
 * (e.g. {@code kim.public.62-71}), one partition each, so each kabupaten has one total
 * order.
 */
public final class PublicTopics {

	/** The prefix of every public topic (the Kafka ACLs grant it per agency). */
	public static final String PREFIX = "kim.public.";

	private PublicTopics() {
	}

	/** The public topic of a kabupaten code. */
	public static String of(String kabupaten) {
		return PREFIX + kabupaten.replace('.', '-');
	}

	/** The kabupaten code of a public topic, if it is one. */
	public static Optional<String> kabupatenOf(String topic) {
		if (!topic.startsWith(PREFIX)) {
			return Optional.empty();
		}
		String code = topic.substring(PREFIX.length()).replace('-', '.');
		return Kabupaten.isKnown(code) ? Optional.of(code) : Optional.empty();
	}

	/** Every public topic, in kabupaten code order. */
	public static List<String> all() {
		return Kabupaten.codes().stream().map(PublicTopics::of).toList();
	}

	/**
	 * The topics an event of the given {@code ce_kabupaten} goes to: its own, or every
	 * kabupaten's when it has none or is the province's; none for a code no kabupaten
	 * has.
	 */
	public static List<String> forEvent(String kabupaten) {
		if (kabupaten == null || kabupaten.isBlank() || Kabupaten.PROVINCE.equals(kabupaten)) {
			return all();
		}
		return Kabupaten.isKnown(kabupaten) ? List.of(of(kabupaten)) : List.of();
	}

}
