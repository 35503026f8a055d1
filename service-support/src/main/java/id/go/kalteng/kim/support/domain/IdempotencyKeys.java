package id.go.kalteng.kim.support.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Retried creates: the new resource's id is derived from the caller and its
 * {@code Idempotency-Key}, so a repeat finds the resource the first attempt made (even if
 * that attempt's response was lost in a crash) instead of making a second one.
 */
public final class IdempotencyKeys {

	/** The request header naming a retryable command. */
	public static final String HEADER = "Idempotency-Key";

	private IdempotencyKeys() {
	}

	/**
	 * The id a create gets: random without a key, derived from (kind, caller, key) with
	 * one.
	 * @throws DomainException 400 when the key is empty or longer than 255 characters
	 */
	public static String idFor(String kind, String caller, String key) {
		if (key == null) {
			return UUID.randomUUID().toString();
		}
		if (key.isBlank() || key.length() > 255) {
			throw DomainException.invalid(HEADER, "must be 1 to 255 characters");
		}
		return UUID.nameUUIDFromBytes((kind + "\n" + caller + "\n" + key).getBytes(StandardCharsets.UTF_8)).toString();
	}

}
