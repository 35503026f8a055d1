package id.go.kalteng.kim.support.phone;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform-wide pseudonymous id of a phone number: an HMAC-SHA256 of its E.164 form
 * under one secret key that every service shares ({@code KIM_PHONE_HASH_KEY}). It stands
 * where a phone would otherwise leak: Kafka keys and subjects, opt-out and erasure
 * records, events for agencies. Anyone holding the key can match a known number; without
 * it the id reveals nothing, unlike a plain hash of the few hundred million Indonesian
 * mobile numbers.
 */
public final class PhonePseudonyms {

	/** How long the key must be at the least. */
	public static final int MIN_KEY_LENGTH = 32;

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	/**
	 * @param key the shared secret
	 * @throws IllegalStateException when the key is missing or too short to be secret
	 */
	public PhonePseudonyms(String key) {
		if (key == null || key.isBlank()) {
			throw new IllegalStateException("KIM_PHONE_HASH_KEY is not set: every service needs the same secret key"
					+ " (at least " + MIN_KEY_LENGTH + " characters) to compute the pseudonymous id of a phone number;"
					+ " ./kim generates one under .kim/data/phone-hash-key");
		}
		if (key.length() < MIN_KEY_LENGTH) {
			throw new IllegalStateException(
					"KIM_PHONE_HASH_KEY is too short: it needs at least " + MIN_KEY_LENGTH + " characters");
		}
		this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
	}

	/**
	 * The pseudonymous id of a number: 43 URL-safe characters.
	 * @param phone any way of writing the number; it is normalised to E.164 first, so
	 * {@code 0812…} and {@code +62812…} give the same id
	 */
	public String of(String phone) {
		String e164 = PhoneNumbers.normalise(phone).orElse(phone);
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			byte[] digest = mac.doFinal(e164.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
