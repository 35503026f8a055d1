package id.go.kalteng.kim.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import id.go.kalteng.kim.support.web.ApiException;

import org.springframework.http.HttpStatus;

/**
 * Provider webhooks are open to the internet (no JWT): each call proves its origin with
 * an HMAC-SHA256 of the raw body under a shared secret, hex encoded, optionally prefixed
 * {@code sha256=} (the form of Meta's {@code X-Hub-Signature-256}).
 */
public final class WebhookSignatures {

	private static final String ALGORITHM = "HmacSHA256";

	private static final String PREFIX = "sha256=";

	private WebhookSignatures() {
	}

	/** The signature of a body: {@code sha256=} and the hex HMAC. */
	public static String sign(String secret, byte[] body) {
		return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
	}

	/**
	 * Checks a signature header in constant time.
	 * @throws ApiException 401 when it is missing or does not match
	 */
	public static void verify(String secret, byte[] body, String header, String headerName) {
		if (header == null || header.isBlank()) {
			throw new InvalidSignatureException(headerName + " header is missing");
		}
		String hex = header.trim().toLowerCase(Locale.ROOT);
		if (hex.startsWith(PREFIX)) {
			hex = hex.substring(PREFIX.length());
		}
		byte[] expected = HexFormat.of().formatHex(hmac(secret, body)).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, hex.getBytes(StandardCharsets.US_ASCII))) {
			throw new InvalidSignatureException(headerName + " does not match the body");
		}
	}

	private static byte[] hmac(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** 401: a webhook call whose signature is missing or wrong; nothing was changed. */
	static final class InvalidSignatureException extends ApiException {

		InvalidSignatureException(String detail) {
			super(HttpStatus.UNAUTHORIZED, "invalid-signature", "Invalid signature", detail, List.of());
		}

	}

}
