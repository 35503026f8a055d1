package id.go.kalteng.kim.notification.provider;

import com.github.tomakehurst.wiremock.WireMockServer;
import id.go.kalteng.kim.notification.delivery.MessageRefusedException;
import id.go.kalteng.kim.notification.delivery.NotificationProperties;
import id.go.kalteng.kim.notification.delivery.ProviderUnavailableException;
import id.go.kalteng.kim.notification.tracking.Channel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Zenziva-style SMS adapter over real HTTP against a stub answering as Zenziva
 * documents.
 */
class ZenzivaSmsTest {

	private static final String PATH = "/reguler/api/sendsms/";

	private static WireMockServer zenziva;

	private ZenzivaSms sms;

	@BeforeAll
	static void startStub() {
		zenziva = ProviderStub.start();
	}

	@AfterAll
	static void stopStub() {
		zenziva.stop();
	}

	@BeforeEach
	void setUp() {
		zenziva.resetAll();
		this.sms = new ZenzivaSms(
				new NotificationProperties.Zenziva(zenziva.baseUrl() + "/reguler/api", "user-k", "pass k&1"),
				ProviderStub.http(), ProviderStub.JSON);
	}

	private static void answers(int status, String body) {
		zenziva.stubFor(post(urlEqualTo(PATH))
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

	@Test
	void postsTheFormAndTakesTheMessageIdOfATakenMessage() {
		answers(200, "{\"messageId\":\"7815643\",\"to\":\"081234567890\",\"status\":\"1\",\"text\":\"Success\"}");

		assertThat(this.sms.send(ProviderStub.message("n-1", "+6281234567890", Channel.SMS, "Waspada banjir & longsor"))
			.providerMessageId()).isEqualTo("7815643");

		zenziva.verify(postRequestedFor(urlEqualTo(PATH))
			.withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
			.withRequestBody(
					equalTo("userkey=user-k&passkey=pass+k%261&to=081234567890&message=Waspada+banjir+%26+longsor")));
	}

	@Test
	void anInvalidNumberIsRefusedForGood() {
		answers(200, "{\"messageId\":\"\",\"to\":\"0812\",\"status\":\"0\",\"text\":\"Nomor tujuan tidak valid\"}");

		assertThatThrownBy(() -> this.sms.send(ProviderStub.message("n-1", "+6281234567890", Channel.SMS, "x")))
			.isExactlyInstanceOf(MessageRefusedException.class);
	}

	@Test
	void noBalanceAWrongKeyOrAServerErrorPassOnceFixed() {
		answers(200, "{\"messageId\":\"\",\"to\":\"081234567890\",\"status\":\"0\",\"text\":\"Saldo tidak cukup\"}");
		assertThatThrownBy(() -> this.sms.send(ProviderStub.message("n-1", "+6281234567890", Channel.SMS, "x")))
			.isExactlyInstanceOf(ProviderUnavailableException.class);

		answers(200,
				"{\"messageId\":\"\",\"to\":\"081234567890\",\"status\":\"0\",\"text\":\"Userkey / Passkey Salah\"}");
		assertThatThrownBy(() -> this.sms.send(ProviderStub.message("n-1", "+6281234567890", Channel.SMS, "x")))
			.isExactlyInstanceOf(ProviderUnavailableException.class);

		answers(502, "Bad gateway");
		assertThatThrownBy(() -> this.sms.send(ProviderStub.message("n-1", "+6281234567890", Channel.SMS, "x")))
			.isExactlyInstanceOf(ProviderUnavailableException.class);
	}

}
