package id.go.kalteng.kim.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import id.go.kalteng.kim.notification.delivery.WebhookSignatures.Headers;
import id.go.kalteng.kim.support.web.ApiException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WebhookSignaturesTest {

	private static final String SECRET = "a-webhook-secret-of-at-least-32-characters";

	private static final Headers HEADERS = new Headers("X-Sig", "X-Kim-Timestamp");

	private static final byte[] BODY = "{\"from\":\"+6281234567890\",\"text\":\"STOP\"}"
		.getBytes(StandardCharsets.UTF_8);

	private static final Instant NOW = Instant.parse("2026-11-28T04:00:00Z");

	private static final long T = NOW.getEpochSecond();

	@Test
	void theSignatureIsTheHexHmacOfTimestampDotBody() throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		byte[] expected = mac
			.doFinal((T + "." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));

		assertThat(WebhookSignatures.sign(SECRET, T, BODY))
			.isEqualTo("sha256=" + java.util.HexFormat.of().formatHex(expected));
	}

	@Test
	void aCallSignedWithTheSecretAndTheCurrentTimeIsAccepted() {
		String signature = WebhookSignatures.sign(SECRET, T, BODY);

		WebhookSignatures.Verified call = WebhookSignatures.verify(SECRET, HEADERS, String.valueOf(T), signature, BODY,
				NOW);

		assertThat(call.signature()).isEqualTo(signature.substring(7));
		assertThat(call.signedAt()).isEqualTo(NOW);
		assertThat(WebhookSignatures
			.verify(SECRET, HEADERS, String.valueOf(T), signature.substring(7).toUpperCase(), BODY, NOW)
			.signature()).isEqualTo(call.signature());
	}

	@Test
	void aCallUpToFiveMinutesFromNowEitherWayIsAccepted() {
		for (long timestamp : new long[] { T - 300, T + 300 }) {
			String signature = WebhookSignatures.sign(SECRET, timestamp, BODY);
			assertThat(WebhookSignatures.verify(SECRET, HEADERS, String.valueOf(timestamp), signature, BODY, NOW))
				.isNotNull();
		}
	}

	@Test
	void aCallSignedMoreThanFiveMinutesFromNowIsUnauthorized() {
		for (long timestamp : new long[] { T - 301, T + 301, T - Duration.ofDays(1).toSeconds(), 0 }) {
			String signature = WebhookSignatures.sign(SECRET, timestamp, BODY);
			assertUnauthorized(String.valueOf(timestamp), signature, BODY, "more than 5 minutes from now");
		}
	}

	@Test
	void aMissingWrongOrForeignSignatureIsUnauthorized() {
		String foreign = WebhookSignatures.sign("another-secret-of-at-least-32-characters", T, BODY);
		for (String header : new String[] { null, "", "sha256=00", foreign }) {
			assertUnauthorized(String.valueOf(T), header, BODY, "X-Sig");
		}
	}

	@Test
	void aSignatureDoesNotCoverAnotherTimestampOrBody() {
		String signature = WebhookSignatures.sign(SECRET, T, BODY);
		byte[] tampered = "{\"from\":\"+6281234567890\",\"text\":\"START\"}".getBytes(StandardCharsets.UTF_8);

		assertUnauthorized(String.valueOf(T + 1), signature, BODY, "does not match");
		assertUnauthorized(String.valueOf(T), signature, tampered, "does not match");
		// the signature is of the timestamp as sent, not of a number equal to it
		assertUnauthorized("0" + T, signature, BODY, "does not match");
	}

	@Test
	void aMissingOrMalformedTimestampIsUnauthorized() {
		String signature = WebhookSignatures.sign(SECRET, T, BODY);
		for (String timestamp : new String[] { null, "", "2026-11-28T04:00:00Z", "-1", "1e9", "17647020001234" }) {
			assertUnauthorized(timestamp, signature, BODY, "X-Kim-Timestamp");
		}
	}

	private static void assertUnauthorized(String timestamp, String signature, byte[] body, String detail) {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> WebhookSignatures.verify(SECRET, HEADERS, timestamp, signature, body, NOW))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
				assertThat(ex.getMessage()).contains(detail);
			});
	}

}
