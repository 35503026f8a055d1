package id.go.kalteng.kim.support.domain;

/**
 * Optimistic concurrency in the domain's words: a change may name the version it was
 * based on (as an entity tag, {@code "3"}, the way clients echo it back) and is refused
 * when the aggregate has moved on since.
 */
public final class Versions {

	private Versions() {
	}

	/** The tag of a version: {@code "3"} (quoted, like an HTTP entity tag). */
	public static String tag(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * Checks the versions a change was based on against the current one; none, or
	 * {@code *}, matches any version.
	 * @param expected tags of the versions the caller read, comma separated (weak tags
	 * count), or {@code null}
	 * @param current the aggregate's current version
	 * @throws DomainException {@link DomainException.Kind#STALE_VERSION} when none
	 * matches
	 */
	public static void requireMatch(String expected, long current) {
		if (expected == null || expected.isBlank() || "*".equals(expected.trim())) {
			return;
		}
		for (String tag : expected.split(",")) {
			String value = tag.trim();
			if (value.startsWith("W/")) {
				value = value.substring(2);
			}
			if (value.equals(tag(current))) {
				return;
			}
		}
		throw DomainException.staleVersion("If-Match " + expected + " does not match the current version "
				+ tag(current) + "; read the resource again");
	}

}
