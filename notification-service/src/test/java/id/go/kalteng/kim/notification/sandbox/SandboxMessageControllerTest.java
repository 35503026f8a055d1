package id.go.kalteng.kim.notification.sandbox;

import java.time.OffsetDateTime;
import java.util.List;

import id.go.kalteng.kim.notification.delivery.ProviderSelection;
import id.go.kalteng.kim.notification.tracking.Channel;
import id.go.kalteng.kim.support.test.ControllerSliceTest;
import id.go.kalteng.kim.support.test.TestTokens;
import id.go.kalteng.kim.support.web.PageView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP face of the sandbox's message listing alone (the messages mocked). */
@ControllerSliceTest(SandboxMessageController.class)
@ActiveProfiles(ProviderSelection.LOCAL_PROFILE)
@TestPropertySource(
		properties = { "kim.notification.whatsapp.provider=sandbox", "kim.notification.sms.provider=sandbox" })
class SandboxMessageControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	SandboxMessages messages;

	@Test
	void anOperatorListsTheMessagesOfAPhoneInEitherForm() throws Exception {
		SandboxMessageView message = new SandboxMessageView("sbx-n-1", "+6281234567890", Channel.SMS, "Waspada banjir",
				OffsetDateTime.parse("2026-11-28T18:00:00+07:00"), "n-1", "BROADCAST", "b-1", "62.71");
		given(this.messages.find(any(), any(), anyInt(), anyInt()))
			.willReturn(new PageView<>(List.of(message), 0, 5, 1));

		this.mvc
			.perform(get("/api/sandbox/messages").param("phone", "0812-3456-7890")
				.param("size", "5")
				.with(TestTokens.operator("operator-1")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value("sbx-n-1"))
			.andExpect(jsonPath("$.items[0].notificationId").value("n-1"))
			.andExpect(jsonPath("$.total").value(1));

		verify(this.messages).find("+6281234567890", null, 0, 5);
	}

	@Test
	void anAgencySeesTheMessagesOfItsOwnKabupaten() throws Exception {
		given(this.messages.find(any(), any(), anyInt(), anyInt())).willReturn(new PageView<>(List.of(), 0, 20, 0));

		this.mvc.perform(get("/api/sandbox/messages").with(TestTokens.agency("62.02"))).andExpect(status().isOk());

		verify(this.messages).find(null, "62.02", 0, 20);
	}

	@Test
	void aBadPhoneOrPageIsAProblemNamingIt() throws Exception {
		for (String[] bad : new String[][] { { "phone", "12345" }, { "size", "201" }, { "page", "x" } }) {
			this.mvc.perform(get("/api/sandbox/messages").param(bad[0], bad[1]).with(TestTokens.operator("operator-1")))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value(bad[0]));
		}
		verifyNoInteractions(this.messages);
	}

	@Test
	void aCallWithoutTokenIsUnauthorizedAndAnotherRoleForbidden() throws Exception {
		this.mvc.perform(get("/api/sandbox/messages"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get("/api/sandbox/messages").with(TestTokens.coordinator("g-1")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(this.messages);
	}

}
