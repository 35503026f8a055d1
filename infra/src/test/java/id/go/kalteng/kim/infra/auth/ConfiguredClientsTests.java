package id.go.kalteng.kim.infra.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ConfiguredClientsTests {

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "localhost", "::1" })
	void publishedDemoSecretIsFineOnLoopback(String address) {
		assertThatNoException()
			.isThrownBy(() -> ConfiguredClients.requireUnpublishedBeyondLoopback("kim-demo", address));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0.0.0.0", "::", "192.0.2.10", "" })
	void issuerWithThePublishedDemoSecretRefusesToListenBeyondLoopback(String address) {
		assertThatIllegalStateException()
			.isThrownBy(() -> ConfiguredClients.requireUnpublishedBeyondLoopback("kim-demo", address))
			.withMessageContaining("anyone on the network could mint OPERATOR tokens")
			.withMessageContaining("KIM_DEMO_CLIENT_SECRET");
	}

	@Test
	void issuerOnEveryInterfaceWithoutABindAddressNeedsAnUnpublishedSecret() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ConfiguredClients.requireUnpublishedBeyondLoopback("kim-demo", null));
		assertThatNoException()
			.isThrownBy(() -> ConfiguredClients.requireUnpublishedBeyondLoopback("gW3v-generated-secret", null));
	}

}
