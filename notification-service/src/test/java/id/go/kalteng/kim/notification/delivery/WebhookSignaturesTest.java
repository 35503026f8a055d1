package id.go.kalteng.kim.notification.delivery;

import java.nio.charset.StandardCharsets;

import id.go.kalteng.kim.support.web.ApiException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class WebhookSignaturesTest {

	private static final byte[] BODY = "{\"from\":\"+6281234567890\",\"text\":\"STOP\"}"
		.getBytes(StandardCharsets.UTF_8);

	@Test
	void aBodySignedWithTheSecretIsAccepted() {
		String signature = WebhookSignatures.sign("secret", BODY);

		assertThat(signature).startsWith("sha256=").hasSize(7 + 64);
		assertThatNoException().isThrownBy(() -> WebhookSignatures.verify("secret", BODY, signature, "X-Sig"));
		assertThatNoException()
			.isThrownBy(() -> WebhookSignatures.verify("secret", BODY, signature.substring(7).toUpperCase(), "X-Sig"));
	}

	@Test
	void aMissingWrongOrForeignSignatureIsUnauthorized() {
		String foreign = WebhookSignatures.sign("another-secret", BODY);
		byte[] tampered = "{\"from\":\"+6281234567890\",\"text\":\"START\"}".getBytes(StandardCharsets.UTF_8);

		for (String header : new String[] { null, "", "sha256=00", foreign }) {
			assertThatExceptionOfType(ApiException.class)
				.isThrownBy(() -> WebhookSignatures.verify("secret", BODY, header, "X-Sig"))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(HttpStatus.UNAUTHORIZED));
		}
		assertThatExceptionOfType(ApiException.class).isThrownBy(
				() -> WebhookSignatures.verify("secret", tampered, WebhookSignatures.sign("secret", BODY), "X-Sig"));
	}

}
