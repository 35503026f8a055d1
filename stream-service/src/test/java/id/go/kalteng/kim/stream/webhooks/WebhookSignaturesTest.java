package id.go.kalteng.kim.stream.webhooks;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signatures against the Standard Webhooks test vector (the reference libraries' own
 * test, e.g. libraries/go/webhook_test.go TestWebhookSign in
 * github.com/standard-webhooks/standard-webhooks).
 */
class WebhookSignaturesTest {

	@Test
	void signsTheSpecificationsTestVector() {
		assertThat(WebhookSignatures.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
				1614265330L, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void theSecretWithoutItsPrefixSignsTheSame() {
		assertThat(WebhookSignatures.sign("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
				1614265330L, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void anyChangeOfIdTimestampOrBodyChangesTheSignature() {
		String secret = WebhookSignatures.newSecret();
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		String signature = WebhookSignatures.sign(secret, "e-1", 100, body);
		assertThat(WebhookSignatures.sign(secret, "e-2", 100, body)).isNotEqualTo(signature);
		assertThat(WebhookSignatures.sign(secret, "e-1", 101, body)).isNotEqualTo(signature);
		assertThat(WebhookSignatures.sign(secret, "e-1", 100, "{ }".getBytes(StandardCharsets.UTF_8)))
			.isNotEqualTo(signature);
	}

	@Test
	void newSecretsAreSerializedAsTheSpecificationSays() {
		String secret = WebhookSignatures.newSecret();
		assertThat(secret).startsWith("whsec_");
		byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
		assertThat(key.length).isBetween(24, 64);
		assertThat(WebhookSignatures.newSecret()).isNotEqualTo(secret);
	}

}
