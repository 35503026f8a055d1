package id.go.kalteng.kim.support.web;

import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.Versions;

/**
 * Optimistic concurrency over HTTP: an aggregate's version is its {@code ETag}; an update
 * whose {@code If-Match} names an older version is refused with 412.
 */
public final class ETags {

	private ETags() {
	}

	public static String of(long version) {
		return Versions.tag(version);
	}

	/**
	 * Checks an {@code If-Match} header against the current version; a missing header or
	 * {@code *} matches any version.
	 * @throws DomainException 412 when it names another version
	 */
	public static void checkIfMatch(String ifMatch, long currentVersion) {
		Versions.requireMatch(ifMatch, currentVersion);
	}

}
