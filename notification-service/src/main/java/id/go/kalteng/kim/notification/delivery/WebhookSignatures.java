package id.go.kalteng.kim.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import id.go.kalteng.kim.support.web.ApiException;

import org.springframework.http.HttpStatus;

/**
 * Provider webhooks are open to the internet (no JWT): each call proves its origin with
 * an HMAC-SHA256 under a shared secret of its timestamp and raw body,
 * {@code timestamp + "." + body}, hex encoded, optionally prefixed {@code sha256=}. The
 * timestamp (Unix seconds, its own header) must be within {@link #TOLERANCE} of now, so a
 * captured call cannot be replayed later; a replay inside the window is caught by
 * {@link WebhookReplays}.
 */
public final class WebhookSignatures {

	/** How far a call's timestamp may be from now (either way: clocks drift). */
	public static final Duration TOLERANCE = Duration.ofMinutes(5);

	private static final String ALGORITHM = "HmacSHA256";

	private static final String PREFIX = "sha256=";

	private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,12}");

	private WebhookSignatures() {
	}

	/**
	 * The signature of a call: {@code sha256=} and the hex HMAC of
	 * {@code timestamp + "." + body}.
	 */
	public static String sign(String secret, long timestamp, byte[] body) {
		return PREFIX + HexFormat.of().formatHex(hmac(secret, String.valueOf(timestamp), body));
	}

	/**
	 * Checks a call's signature (in constant time) and that its timestamp is within
	 * {@link #TOLERANCE} of now.
	 * @param timestamp the timestamp header as sent (Unix seconds)
	 * @param signature the signature header as sent
	 * @return the verified signature, normalised (lower-case hex without prefix): the id
	 * of this call for {@link WebhookReplays}
	 * @throws ApiException 401 when a header is missing or malformed, the signature does
	 * not match, or the timestamp is outside the window
	 */
	public static Verified verify(String secret, Headers headers, String timestamp, String signature, byte[] body,
			Instant now) {
		if (signature == null || signature.isBlank()) {
			throw new InvalidSignatureException(headers.signature() + " header is missing");
		}
		if (timestamp == null || timestamp.isBlank()) {
			throw new InvalidSignatureException(headers.timestamp() + " header is missing");
		}
		String sent = timestamp.trim();
		if (!UNIX_SECONDS.matcher(sent).matches()) {
			throw new InvalidSignatureException(headers.timestamp() + " must be the time in Unix seconds");
		}
		String hex = signature.trim().toLowerCase(Locale.ROOT);
		if (hex.startsWith(PREFIX)) {
			hex = hex.substring(PREFIX.length());
		}
		byte[] expected = HexFormat.of().formatHex(hmac(secret, sent, body)).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, hex.getBytes(StandardCharsets.US_ASCII))) {
			throw new InvalidSignatureException(
					headers.signature() + " does not match " + headers.timestamp() + " and the body");
		}
		Instant signedAt = Instant.ofEpochSecond(Long.parseLong(sent));
		if (Duration.between(signedAt, now).abs().compareTo(TOLERANCE) > 0) {
			throw new InvalidSignatureException(headers.timestamp() + " is more than " + TOLERANCE.toMinutes()
					+ " minutes from now: sign the call again with the current time");
		}
		return new Verified(hex, signedAt);
	}

	/**
	 * Checks a signature of the raw body alone, as Meta signs webhooks
	 * ({@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body under the app
	 * secret>}), in constant time.
	 * @param header the header's name, for the messages
	 * @throws ApiException 401 when the signature is missing, malformed or wrong
	 */
	public static void verifyBody(String secret, String header, String signature, byte[] body) {
		if (signature == null || signature.isBlank()) {
			throw new InvalidSignatureException(header + " header is missing");
		}
		String hex = signature.trim().toLowerCase(Locale.ROOT);
		if (!hex.startsWith(PREFIX)) {
			throw new InvalidSignatureException(header + " must be sha256=<hex>");
		}
		hex = hex.substring(PREFIX.length());
		byte[] expected = HexFormat.of().formatHex(hmacOf(secret, body)).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, hex.getBytes(StandardCharsets.US_ASCII))) {
			throw new InvalidSignatureException(header + " does not match the body");
		}
	}

	/** {@code sha256=} and the hex HMAC-SHA256 of a body, as Meta signs webhooks. */
	public static String signBody(String secret, byte[] body) {
		return PREFIX + HexFormat.of().formatHex(hmacOf(secret, body));
	}

	/** The hex HMAC-SHA256 of a text under a secret (e.g. a callback URL's key). */
	public static String hmacHex(String secret, String text) {
		return HexFormat.of().formatHex(hmacOf(secret, text.getBytes(StandardCharsets.UTF_8)));
	}

	private static byte[] hmacOf(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] hmac(String secret, String timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
			mac.update((byte) '.');
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The names of a provider's signature and timestamp headers, for the messages.
	 *
	 * @param signature e.g. {@code X-Sandbox-Signature}
	 * @param timestamp e.g. {@code X-Kim-Timestamp}
	 */
	public record Headers(String signature, String timestamp) {

	}

	/**
	 * A call whose signature matched within the window.
	 *
	 * @param signature its signature (lower-case hex): unique per call
	 * @param signedAt its timestamp
	 */
	public record Verified(String signature, Instant signedAt) {

	}

	/**
	 * 401: a webhook call whose signature is missing, wrong or stale; nothing changed.
	 */
	static final class InvalidSignatureException extends ApiException {

		InvalidSignatureException(String detail) {
			super(HttpStatus.UNAUTHORIZED, "invalid-signature", "Invalid signature", detail, List.of());
		}

	}

}
