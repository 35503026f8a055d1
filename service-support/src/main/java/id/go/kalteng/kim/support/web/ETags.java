package id.go.kalteng.kim.support.web;

/**
 * Optimistic concurrency over HTTP: an aggregate's version is its {@code ETag}; an update
 * whose {@code If-Match} names an older version is refused with 412.
 */
public final class ETags {

	private ETags() {
	}

	public static String of(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * Checks an {@code If-Match} header against the current version; a missing header or
	 * {@code *} matches any version.
	 * @throws ApiException 412 when it names another version
	 */
	public static void checkIfMatch(String ifMatch, long currentVersion) {
		if (ifMatch == null || ifMatch.isBlank() || "*".equals(ifMatch.trim())) {
			return;
		}
		for (String tag : ifMatch.split(",")) {
			String value = tag.trim();
			if (value.startsWith("W/")) {
				value = value.substring(2);
			}
			if (value.equals(of(currentVersion))) {
				return;
			}
		}
		throw ApiException.staleVersion("If-Match " + ifMatch + " does not match the current version "
				+ of(currentVersion) + "; read the resource again");
	}

}
