package id.go.kalteng.kim.notification.provider;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent.WhatsAppTemplate;
import id.go.kalteng.kim.notification.delivery.ChannelUnreachableException;
import id.go.kalteng.kim.notification.delivery.MessageRefusedException;
import id.go.kalteng.kim.notification.delivery.NotificationProperties;
import id.go.kalteng.kim.notification.delivery.OutboundMessage;
import id.go.kalteng.kim.notification.delivery.ProviderThrottledException;
import id.go.kalteng.kim.notification.delivery.ProviderUnavailableException;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.notification.tracking.Priority;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The WhatsApp Cloud API adapter over real HTTP against a stub that answers as Meta's
 * Graph API documents: request shapes, the receipt, and every error answer's meaning.
 */
class WhatsAppCloudApiTest {

	private static final String PATH = "/v21.0/1098765432/messages";

	private static WireMockServer meta;

	private WhatsAppCloudApi api;

	@BeforeAll
	static void startStub() {
		meta = ProviderStub.start();
	}

	@AfterAll
	static void stopStub() {
		meta.stop();
	}

	@BeforeEach
	void setUp() {
		meta.resetAll();
		this.api = new WhatsAppCloudApi(settings(meta.baseUrl() + "/v21.0"), ProviderStub.http(), ProviderStub.JSON);
	}

	static NotificationProperties.WhatsApp settings(String baseUrl) {
		return new NotificationProperties.WhatsApp("cloud-api", baseUrl, "1098765432", "test-token", "app-secret",
				"verify-me", "kim_pesan", "id");
	}

	private static void answers(int status, String body) {
		meta.stubFor(post(urlEqualTo(PATH))
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

	private static String error(int code, String message) {
		return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
				+ ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"" + message
				+ "\"},\"fbtrace_id\":\"AbCdEf\"}}";
	}

	private static final String ACCEPTED = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"6281234567890\","
			+ "\"wa_id\":\"6281234567890\"}],\"messages\":[{\"id\":\"wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjk=\"}]}";

	private static OutboundMessage outside(String text) {
		return ProviderStub.message("n-1", "+6281234567890", Channel.WHATSAPP, text);
	}

	@Test
	void aBusinessInitiatedMessageGoesInTheDefaultTemplateAndItsIdIsTheReceipt() {
		answers(200, ACCEPTED);

		assertThat(this.api.send(outside("Waspada banjir")).providerMessageId())
			.isEqualTo("wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABEYEjk=");

		meta.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer test-token"))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("""
					{"messaging_product":"whatsapp","recipient_type":"individual","to":"6281234567890",
					 "type":"template","biz_opaque_callback_data":"n-1",
					 "template":{"name":"kim_pesan","language":{"code":"id"},
					   "components":[{"type":"body","parameters":[{"type":"text","text":"Waspada banjir"}]}]}}
					""")));
	}

	@Test
	void aBroadcastsOwnTemplateCarriesItsVariables() {
		answers(200, ACCEPTED);
		OutboundMessage message = new OutboundMessage("n-2", "+6281234567890", Channel.WHATSAPP, "Waspada banjir",
				Priority.URGENT, "BROADCAST", "b-1", "62.71",
				new WhatsAppTemplate("kim_peringatan", "id", List.of("banjir", "Palangka Raya")), false);

		this.api.send(message);

		meta.verify(postRequestedFor(urlEqualTo(PATH))
			.withRequestBody(matchingJsonPath("$.template.name", equalTo("kim_peringatan")))
			.withRequestBody(matchingJsonPath("$.template.components[0].parameters[1].text", equalTo("Palangka Raya")))
			.withRequestBody(matchingJsonPath("$.template.components[0].parameters.length()", equalTo("2"))));
	}

	@Test
	void insideTheConversationWindowTheTextGoesAsItIs() {
		answers(200, ACCEPTED);
		OutboundMessage message = new OutboundMessage("n-3", "+6281234567890", Channel.WHATSAPP, "Terima kasih",
				Priority.NORMAL, "BROADCAST", "b-1", "62.71", null, true);

		this.api.send(message);

		meta.verify(postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
				{"messaging_product":"whatsapp","recipient_type":"individual","to":"6281234567890","type":"text",
				 "biz_opaque_callback_data":"n-3","text":{"preview_url":false,"body":"Terima kasih"}}
				""")));
	}

	@Test
	void outsideTheWindowAfterAll131047TheTemplateGoes() {
		meta.stubFor(post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.type", equalTo("text")))
			.willReturn(aResponse().withStatus(400).withBody(error(131047, "Re-engagement message"))));
		meta.stubFor(post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.type", equalTo("template")))
			.willReturn(aResponse().withStatus(200).withBody(ACCEPTED)));
		OutboundMessage message = new OutboundMessage("n-4", "+6281234567890", Channel.WHATSAPP, "Halo",
				Priority.NORMAL, "BROADCAST", "b-1", "62.71", null, true);

		assertThat(this.api.send(message).providerMessageId()).startsWith("wamid.");

		meta.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.type", equalTo("text"))));
		meta.verify(1,
				postRequestedFor(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.type", equalTo("template"))));
	}

	@Test
	void aTemplateOutsideTheWindowThatStill131047CannotReachThePhone() {
		answers(400, error(131047, "Re-engagement message"));

		assertThatThrownBy(() -> this.api.send(outside("x"))).isInstanceOf(ChannelUnreachableException.class);
	}

	@Test
	void throttled130429IsNotARefusal() {
		answers(400, error(130429, "Rate limit hit"));

		assertThatThrownBy(() -> this.api.send(outside("x"))).isInstanceOf(ProviderThrottledException.class);
	}

	@Test
	void undeliverable131026CannotReachThePhoneOnThisChannel() {
		answers(400, error(131026, "Message undeliverable"));

		assertThatThrownBy(() -> this.api.send(outside("x"))).isInstanceOf(ChannelUnreachableException.class)
			.extracting((ex) -> ((MessageRefusedException) ex).reason())
			.isEqualTo("whatsapp-undeliverable");
	}

	@Test
	void aServerErrorWasNotTakenAndIsRetried() {
		answers(503, "{\"error\":{\"message\":\"Service unavailable\",\"code\":131016}}");

		assertThatThrownBy(() -> this.api.send(outside("x"))).isInstanceOf(ProviderUnavailableException.class)
			.isNotInstanceOf(ProviderThrottledException.class);
	}

	@Test
	void anInvalidParameterIsRefusedForGood() {
		answers(400, error(100, "Invalid parameter"));

		assertThatThrownBy(() -> this.api.send(outside("x"))).isExactlyInstanceOf(MessageRefusedException.class)
			.extracting((ex) -> ((MessageRefusedException) ex).reason())
			.isEqualTo("whatsapp-100");
	}

	@Test
	void noAnswerInTimeIsAnUnknownOutcomeNotARetry() {
		meta.stubFor(
				post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(ACCEPTED).withFixedDelay(6000)));

		assertThatThrownBy(() -> this.api.send(outside("x"))).isInstanceOf(ProviderHttp.OutcomeUnknownException.class);
	}

	@Test
	void noConnectionWasCertainlyNotTaken() {
		WhatsAppCloudApi down = new WhatsAppCloudApi(settings("http://localhost:1/v21.0"), ProviderStub.http(),
				ProviderStub.JSON);

		assertThatThrownBy(() -> down.send(outside("x"))).isInstanceOf(ProviderUnavailableException.class);
	}

}
