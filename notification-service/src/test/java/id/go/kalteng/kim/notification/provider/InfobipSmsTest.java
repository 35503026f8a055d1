package id.go.kalteng.kim.notification.provider;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import id.go.kalteng.kim.notification.delivery.MessageRefusedException;
import id.go.kalteng.kim.notification.delivery.NotificationProperties;
import id.go.kalteng.kim.notification.delivery.ProviderThrottledException;
import id.go.kalteng.kim.notification.delivery.ProviderUnavailableException;
import id.go.kalteng.kim.notification.tracking.Channel;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Infobip-style SMS adapter over real HTTP against a stub answering as Infobip
 * documents.
 */
class InfobipSmsTest {

	private static final String PATH = "/sms/2/text/advanced";

	private static WireMockServer infobip;

	private InfobipSms sms;

	@BeforeAll
	static void startStub() {
		infobip = ProviderStub.start();
	}

	@AfterAll
	static void stopStub() {
		infobip.stop();
	}

	@BeforeEach
	void setUp() {
		infobip.resetAll();
		this.sms = new InfobipSms(properties(infobip.baseUrl()), ProviderStub.http(), ProviderStub.JSON);
	}

	static NotificationProperties properties(String baseUrl) {
		return new Binder(new MapConfigurationPropertySource(Map.of("kim.notification.infobip.base-url", baseUrl,
				"kim.notification.infobip.api-key", "infobip-key", "kim.notification.infobip.sender", "KIM-KALTENG",
				"kim.notification.public-base-url", "https://kim.example.go.id")))
			.bindOrCreate("kim.notification", NotificationProperties.class);
	}

	private static void answers(int status, String body) {
		infobip.stubFor(post(urlEqualTo(PATH))
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

	private static String accepted(int group, String name) {
		return "{\"bulkId\":\"bulk-1\",\"messages\":[{\"messageId\":\"n-1\",\"status\":{\"groupId\":" + group
				+ ",\"groupName\":\"X\",\"id\":26,\"name\":\"" + name
				+ "\",\"description\":\"d\"},\"to\":\"6281234567890\"}]}";
	}

	@Test
	void sendsTheDocumentedRequestWithTheNotificationIdAsMessageIdAndTheReportUrl() {
		answers(200, accepted(1, "PENDING_ACCEPTED"));

		assertThat(this.sms.send(ProviderStub.message("n-1", "+6281234567890", Channel.SMS, "Waspada banjir"))
			.providerMessageId()).isEqualTo("n-1");

		infobip.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("App infobip-key"))
			.withRequestBody(equalToJson("""
					{"messages":[{"destinations":[{"to":"6281234567890","messageId":"n-1"}],"from":"KIM-KALTENG",
					 "text":"Waspada banjir",
					 "notifyUrl":"https://kim.example.go.id/webhooks/sms/infobip?key=%s",
					 "notifyContentType":"application/json","callbackData":"n-1"}]}
					""".formatted(InfobipSms.callbackKey("infobip-key")))));
	}

	@Test
	void aSendInsideATraceCarriesItsTraceparentAndOneOutsideNone() {
		answers(200, accepted(1, "PENDING_ACCEPTED"));
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		String spanId = "00f067aa0ba902b7";
		Span send = Span.wrap(SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault()));
		try (Scope scope = send.makeCurrent()) {
			this.sms.send(ProviderStub.message("n-1", "+6281234567890", Channel.SMS, "Waspada banjir"));
		}
		infobip.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("traceparent",
				equalTo("00-" + traceId + "-" + spanId + "-01")));

		infobip.resetRequests();
		this.sms.send(ProviderStub.message("n-2", "+6281234567890", Channel.SMS, "Waspada banjir"));
		infobip.verify(postRequestedFor(urlEqualTo(PATH)).withoutHeader("traceparent"));
	}

	@Test
	void aRejectedDestinationIsRefusedForGood() {
		answers(200, accepted(5, "REJECTED_DESTINATION"));

		assertThatThrownBy(() -> this.sms.send(ProviderStub.message("n-1", "+6281234567890", Channel.SMS, "x")))
			.isExactlyInstanceOf(MessageRefusedException.class)
			.extracting((ex) -> ((MessageRefusedException) ex).reason())
			.isEqualTo("sms-rejected-destination");
	}

	@Test
	void notEnoughCreditsPassesOnceToppedUp() {
		answers(200, accepted(5, "REJECTED_NOT_ENOUGH_CREDITS"));

		assertThatThrownBy(() -> this.sms.send(ProviderStub.message("n-1", "+6281234567890", Channel.SMS, "x")))
			.isInstanceOf(ProviderUnavailableException.class);
	}

	@Test
	void aBadRequestIsRefusedAnUnauthorizedKeyOrServerErrorRetriedAndA429Throttled() {
		answers(400,
				"{\"requestError\":{\"serviceException\":{\"messageId\":\"BAD_REQUEST\",\"text\":\"Bad request\"}}}");
		assertThatThrownBy(() -> this.sms.send(ProviderStub.message("n-1", "+6281234567890", Channel.SMS, "x")))
			.isExactlyInstanceOf(MessageRefusedException.class);

		answers(401,
				"{\"requestError\":{\"serviceException\":{\"messageId\":\"UNAUTHORIZED\",\"text\":\"Invalid login details\"}}}");
		assertThatThrownBy(() -> this.sms.send(ProviderStub.message("n-1", "+6281234567890", Channel.SMS, "x")))
			.isExactlyInstanceOf(ProviderUnavailableException.class);

		answers(500, "{\"requestError\":{\"serviceException\":{\"messageId\":\"GENERAL_ERROR\",\"text\":\"oops\"}}}");
		assertThatThrownBy(() -> this.sms.send(ProviderStub.message("n-1", "+6281234567890", Channel.SMS, "x")))
			.isExactlyInstanceOf(ProviderUnavailableException.class);

		answers(429,
				"{\"requestError\":{\"serviceException\":{\"messageId\":\"TOO_MANY_REQUESTS\",\"text\":\"slow\"}}}");
		assertThatThrownBy(() -> this.sms.send(ProviderStub.message("n-1", "+6281234567890", Channel.SMS, "x")))
			.isInstanceOf(ProviderThrottledException.class);
	}

}
