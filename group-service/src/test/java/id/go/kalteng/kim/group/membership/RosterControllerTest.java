package id.go.kalteng.kim.group.membership;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;

import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.test.ControllerSliceTest;
import id.go.kalteng.kim.support.test.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static id.go.kalteng.kim.group.ProblemJson.invalid;
import static id.go.kalteng.kim.group.ProblemJson.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ControllerSliceTest(RosterController.class)
class RosterControllerTest {

	static final RequestPostProcessor COORDINATOR = TestTokens.coordinator("group-1");

	static final RosterImport.Roster ROSTER = new RosterImport.Roster(null, Collections.emptyIterator(), Map.of());

	@Autowired
	MockMvc mvc;

	@MockitoBean
	RosterImport imports;

	@Test
	void theAnswerStreamsEachRowThenTheTotals() throws Exception {
		given(this.imports.open(any(), eq("group-1"), any())).willReturn(ROSTER);
		given(this.imports.apply(any(), eq("group-1"), eq("key-1"), eq(ROSTER), any())).willAnswer((call) -> {
			RosterImport.RowSink sink = call.getArgument(4);
			sink.accept(RosterImport.RowResult.accepted(2, "member-1"));
			return new RosterImport.Summary(1, 0);
		});
		this.mvc
			.perform(post("/api/groups/group-1/members/import").with(COORDINATOR)
				.header("Idempotency-Key", "key-1")
				.contentType("text/csv")
				.content("nama,telepon\nSiti,081234567890\n"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.groupId").value("group-1"))
			.andExpect(jsonPath("$.rows[0].status").value("ACCEPTED"))
			.andExpect(jsonPath("$.rows[0].memberId").value("member-1"))
			.andExpect(jsonPath("$.accepted").value(1))
			.andExpect(jsonPath("$.rejected").value(0));
	}

	@Test
	void aRosterTheImportRefusesBeforeAnyRowIsA400ProblemNotAStartedAnswer() throws Exception {
		given(this.imports.open(any(), eq("group-1"), any()))
			.willThrow(DomainException.invalid("body", "has no header row"));
		this.mvc
			.perform(post("/api/groups/group-1/members/import").with(COORDINATOR).contentType("text/csv").content(""))
			.andExpect(invalid("body"));
	}

	@Test
	void anEmptyUploadIsA400NamingFile() throws Exception {
		this.mvc
			.perform(multipart("/api/groups/group-1/members/import")
				.file(new MockMultipartFile("file", "roster.csv", "text/csv", new byte[0]))
				.with(COORDINATOR))
			.andExpect(invalid("file"));
		verifyNoInteractions(this.imports);
	}

	@Test
	void anUploadThatIsNotCsvIsA415NamingFile() throws Exception {
		this.mvc
			.perform(multipart("/api/groups/group-1/members/import").file(new MockMultipartFile("file", "roster.png",
					"image/png", "not a roster".getBytes(StandardCharsets.UTF_8)))
				.with(COORDINATOR))
			.andExpect(problem(415, "unsupported-media-type"))
			.andExpect(jsonPath("$.errors[0].field").value("file"));
		verifyNoInteractions(this.imports);
	}

	@Test
	void aBodyOfAnotherTypeIsA415Problem() throws Exception {
		this.mvc
			.perform(post("/api/groups/group-1/members/import").with(COORDINATOR)
				.contentType("application/json")
				.content("{}"))
			.andExpect(problem(415, "unsupported-media-type"));
		verifyNoInteractions(this.imports);
	}

}
