package id.go.kalteng.kim.notification.provider;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import id.go.kalteng.kim.notification.delivery.OutboundMessage;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Priority;
import tools.jackson.databind.json.JsonMapper;

/** A local HTTP stub (WireMock) playing a provider, and what the adapters need. */
final class ProviderStub {

	static final JsonMapper JSON = new JsonMapper();

	private ProviderStub() {
	}

	static WireMockServer start() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		server.start();
		return server;
	}

	/** Short timeouts, so that a stub that does not answer makes a timeout quickly. */
	static ProviderHttp http() {
		return new ProviderHttp(Duration.ofSeconds(2), Duration.ofSeconds(2));
	}

	static OutboundMessage message(String id, String phone, Channel channel, String text) {
		return new OutboundMessage(id, phone, channel, text, Priority.NORMAL, "BROADCAST", "b-1", "62.71");
	}

}
