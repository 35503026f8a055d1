package id.go.kalteng.kim.notification.tracking;

import java.time.OffsetDateTime;
import java.util.List;

import id.go.kalteng.kim.support.test.ControllerSliceTest;
import id.go.kalteng.kim.support.test.TestTokens;
import id.go.kalteng.kim.support.web.PageView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP face of the notification listing alone (the search mocked). */
@ControllerSliceTest(NotificationController.class)
class NotificationControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	NotificationSearch search;

	@Test
	void anOperatorListsByBroadcastPhoneAndStatusInEveryKabupaten() throws Exception {
		NotificationView view = new NotificationView("n-1", "BROADCAST", "b-1", "62.71", "+6281234567890", Channel.SMS,
				Priority.URGENT, NotificationStatus.FAILED, "invalid-phone", 1, null,
				OffsetDateTime.parse("2026-11-28T18:00:00+07:00"), OffsetDateTime.parse("2026-11-28T18:00:01+07:00"),
				false);
		given(this.search.find(any(), anyInt(), anyInt())).willReturn(new PageView<>(List.of(view), 1, 5, 6));

		this.mvc
			.perform(get("/api/notifications").param("broadcastId", " b-1 ")
				.param("phone", "0812-3456-7890")
				.param("status", "FAILED")
				.param("page", "1")
				.param("size", "5")
				.with(TestTokens.operator("operator-1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value("n-1"))
			.andExpect(jsonPath("$.items[0].status").value("FAILED"))
			.andExpect(jsonPath("$.items[0].requestedAt").value("2026-11-28T18:00:00+07:00"))
			.andExpect(jsonPath("$.total").value(6));

		verify(this.search)
			.find(new NotificationSearch.Filter("b-1", "+6281234567890", NotificationStatus.FAILED, null), 1, 5);
	}

	@Test
	void anAgencySeesOnlyItsOwnKabupatenWithTheDefaultPage() throws Exception {
		given(this.search.find(any(), anyInt(), anyInt())).willReturn(new PageView<>(List.of(), 0, 20, 0));

		this.mvc.perform(get("/api/notifications").with(TestTokens.agency("62.71"))).andExpect(status().isOk());

		verify(this.search).find(eq(new NotificationSearch.Filter(null, null, null, "62.71")), eq(0), eq(20));
	}

	@Test
	void aBadPhoneStatusOrPageIsAProblemNamingItAndSearchesNothing() throws Exception {
		expectInvalid("phone", "12345", "phone");
		expectInvalid("status", "LOST", "status");
		expectInvalid("size", "201", "size");
		expectInvalid("size", "0", "size");
		expectInvalid("page", "-1", "page");
		verifyNoInteractions(this.search);
	}

	@Test
	void aCallWithoutTokenIsUnauthorizedAndAnotherRoleForbidden() throws Exception {
		this.mvc.perform(get("/api/notifications"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get("/api/notifications").with(TestTokens.coordinator("g-1")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(this.search);
	}

	private void expectInvalid(String parameter, String value, String field) throws Exception {
		this.mvc.perform(get("/api/notifications").param(parameter, value).with(TestTokens.operator("operator-1")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").exists())
			.andExpect(jsonPath("$.errors[0].field").value(field));
	}

}
