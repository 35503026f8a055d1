package id.go.kalteng.kim.notification.provider;

import id.go.kalteng.kim.notification.delivery.DeliveryReports;
import id.go.kalteng.kim.notification.delivery.NotificationProperties;
import id.go.kalteng.kim.notification.tracking.NotificationStatus;
import id.go.kalteng.kim.support.test.ControllerSliceTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Infobip's delivery reports at {@code POST /webhooks/sms/infobip}: only with the report
 * URL's key, each result mapped by its status group onto the notification it names.
 */
@ControllerSliceTest(InfobipWebhookController.class)
@TestPropertySource(
		properties = { "kim.notification.sms.provider=infobip", "kim.notification.infobip.api-key=infobip-key" })
@Import(InfobipWebhookControllerTest.Collaborators.class)
class InfobipWebhookControllerTest {

	private static final String REPORTS = """
			{"results":[
			 {"bulkId":"b","messageId":"n-1","to":"6281234567890","sentAt":"2026-12-01T10:00:00.000+0000",
			  "doneAt":"2026-12-01T10:00:05.000+0000","status":{"groupId":3,"groupName":"DELIVERED","id":5,
			  "name":"DELIVERED_TO_HANDSET"},"error":{"groupId":0,"groupName":"OK","id":0,"name":"NO_ERROR","permanent":false},
			  "callbackData":"n-1"},
			 {"bulkId":"b","messageId":"n-2","to":"6281234567891","status":{"groupId":2,"groupName":"UNDELIVERABLE",
			  "id":9,"name":"UNDELIVERABLE_NOT_DELIVERED"},"callbackData":"n-2"}]}
			""";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	DeliveryReports reports;

	@Test
	void reportsWithTheKeyMoveTheirNotifications() throws Exception {
		given(this.reports.report("n-1", NotificationStatus.DELIVERED, null))
			.willReturn(DeliveryReports.Outcome.APPLIED);
		given(this.reports.report("n-2", NotificationStatus.FAILED, "sms-undeliverable-not-delivered"))
			.willReturn(DeliveryReports.Outcome.APPLIED);

		this.mvc
			.perform(post("/webhooks/sms/infobip").param("key", InfobipSms.callbackKey("infobip-key"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(REPORTS))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.applied").value(2));
	}

	@Test
	void reportsWithoutTheKeyOrWithAnotherChangeNothing() throws Exception {
		this.mvc.perform(post("/webhooks/sms/infobip").contentType(MediaType.APPLICATION_JSON).content(REPORTS))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc
			.perform(post("/webhooks/sms/infobip").param("key", InfobipSms.callbackKey("another-key"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(REPORTS))
			.andExpect(status().isUnauthorized());
		then(this.reports).should(never()).report(any(), any(), any());
	}

	@Test
	void aBodyThatIsNoJsonObjectIsABadRequest() throws Exception {
		this.mvc
			.perform(post("/webhooks/sms/infobip").param("key", InfobipSms.callbackKey("infobip-key"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("[1,2]"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		then(this.reports).should(never()).report(any(), any(), any());
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(NotificationProperties.class)
	static class Collaborators {

	}

}
