package id.go.kalteng.kim.console.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A CSV roster from the group page: uploaded with the CSRF token, kept in the session
 * under a random id (no name or number in any URL), sent to the API once as
 * {@code text/csv} with an Idempotency-Key, and each row's answer relayed as HTML on the
 * import page's event stream, then the totals; a refused file is told in words.
 */
class RosterImportPagesTests extends StandInGatewayTests {

	private static final String CSV = """
			nama,no_hp,jenis_kelamin,kelompok_usia
			Siti Rahma,0812-5110-9001,P,DEWASA
			Yohanes,12345,L,DEWASA
			""";

	private static final String STREAMED = "{\"groupId\":\"g-1\",\"rows\":["
			+ "{\"row\":2,\"status\":\"ACCEPTED\",\"memberId\":\"m-1\",\"errors\":[]},"
			+ "{\"row\":3,\"status\":\"REJECTED\",\"errors\":[{\"field\":\"no_hp\",\"message\":\"must be an Indonesian mobile number\"}]},"
			+ "{\"row\":4,\"status\":\"REJECTED\",\"rule\":\"duplicate-phone\",\"errors\":[{\"field\":\"row\",\"message\":\"another member of this group has that number\"}]}"
			+ "],\"accepted\":1,\"rejected\":2}";

	private static MockMultipartFile roster() {
		return new MockMultipartFile("file", "anggota-menteng.csv", "text/csv", CSV.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void anUploadWithoutTheCsrfTokenIsRefused() throws Exception {
		this.mvc.perform(multipart("/kelompok/g-1/impor").file(roster()).with(user("operator-1", "OPERATOR")))
			.andExpect(status().isForbidden());
		assertThat(REQUESTS).isEmpty();
	}

	@Test
	void eachRowsAnswerIsShownAsItArrivesThenTheTotals() throws Exception {
		answer("GET /api/groups/g-1", 200, "{\"id\":\"g-1\",\"name\":\"KIM Menteng\",\"kabupaten\":\"62.71\"}");
		answer("POST /api/groups/g-1/members/import", 200, STREAMED);
		MockHttpSession session = new MockHttpSession();

		String page = this.mvc
			.perform(multipart("/kelompok/g-1/impor").file(roster())
				.session(session)
				.with(user("operator-1", "OPERATOR"))
				.with(csrf()))
			.andExpect(status().isFound())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(page).matches("/kelompok/g-1/impor/[0-9a-f-]{36}").doesNotContain("Siti").doesNotContain("0812");
		assertThat(REQUESTS).as("nothing but the group is asked before the import page opens")
			.containsExactly("GET /api/groups/g-1");

		this.mvc.perform(get(page).session(session).with(user("operator-1", "OPERATOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("sse-connect=\"" + page + "/aliran\"")))
			.andExpect(content().string(containsString("anggota-menteng.csv")));

		MvcResult stream = this.mvc.perform(get(page + "/aliran").session(session).with(user("operator-1", "OPERATOR")))
			.andExpect(request().asyncStarted())
			.andReturn();
		stream.getAsyncResult(10_000);
		String events = stream.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(events).contains("event:row", "Diterima", "Ditolak",
				"Nomor HP harus nomor seluler Indonesia, mis. 0812-3456-7890.",
				"Nomor HP ini sudah terdaftar di kelompok ini.", "event:summary",
				"<span id=\"jumlah-diterima\">1</span>", "<span id=\"jumlah-ditolak\">2</span>", "event:done");
		assertThat(events.indexOf("<td>2</td>")).isLessThan(events.indexOf("<td>3</td>"));
		assertThat(events.indexOf("<td>4</td>")).isLessThan(events.indexOf("event:summary"));
		assertThat(BODIES.get("POST /api/groups/g-1/members/import")).isEqualTo(CSV);
		assertThat(HEADERS.get("POST /api/groups/g-1/members/import content-type")).startsWith("text/csv");
		assertThat(HEADERS.get("POST /api/groups/g-1/members/import idempotency-key")).isNotBlank();
		assertThat(HEADERS.get("POST /api/groups/g-1/members/import authorization"))
			.isEqualTo("Bearer token-of-operator-1");

		// a browser reconnecting does not import again
		REQUESTS.clear();
		MvcResult again = this.mvc.perform(get(page + "/aliran").session(session).with(user("operator-1", "OPERATOR")))
			.andReturn();
		again.getAsyncResult(10_000);
		assertThat(again.getResponse().getContentAsString(StandardCharsets.UTF_8))
			.contains("sudah diproses atau tidak ada lagi");
		assertThat(REQUESTS).isEmpty();
	}

	@Test
	void aFileTheApiRefusesAsAWholeIsToldInWordsNeverAsAStackTrace() throws Exception {
		answer("GET /api/groups/g-1", 200, "{\"id\":\"g-1\",\"name\":\"KIM Menteng\",\"kabupaten\":\"62.71\"}");
		answer("POST /api/groups/g-1/members/import", 400,
				"{\"title\":\"Bad Request\",\"detail\":\"The request has invalid fields\",\"errors\":[{\"field\":\"header\",\"message\":\"has no column no_hp (accepted names: [no_hp, nomor_hp])\"}]}");
		MockHttpSession session = new MockHttpSession();
		String page = this.mvc
			.perform(multipart("/kelompok/g-1/impor").file(roster())
				.session(session)
				.with(user("agency-6271", "AGENCY"))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();

		MvcResult stream = this.mvc.perform(get(page + "/aliran").session(session).with(user("agency-6271", "AGENCY")))
			.andReturn();
		stream.getAsyncResult(10_000);
		assertThat(stream.getResponse().getContentAsString(StandardCharsets.UTF_8))
			.contains("event:summary", "Isian belum benar", "header: has no column no_hp", "event:done")
			.doesNotContain("Exception");
	}

	@Test
	void anAnswerThatBreaksOffSaysWhatWasDoneAndThatARepeatIsSafe() throws Exception {
		answer("GET /api/groups/g-1", 200, "{\"id\":\"g-1\",\"name\":\"KIM Menteng\",\"kabupaten\":\"62.71\"}");
		answer("POST /api/groups/g-1/members/import", 200,
				"{\"groupId\":\"g-1\",\"rows\":[{\"row\":2,\"status\":\"ACCEPTED\",\"memberId\":\"m-1\"},{\"row\":3,\"sta");
		MockHttpSession session = new MockHttpSession();
		String page = this.mvc
			.perform(multipart("/kelompok/g-1/impor").file(roster())
				.session(session)
				.with(user("operator-1", "OPERATOR"))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();

		MvcResult stream = this.mvc.perform(get(page + "/aliran").session(session).with(user("operator-1", "OPERATOR")))
			.andReturn();
		stream.getAsyncResult(10_000);
		assertThat(stream.getResponse().getContentAsString(StandardCharsets.UTF_8))
			.contains("<td>2</td>", "<span id=\"jumlah-diterima\">1</span>", "terputus sebelum selesai",
					"tidak akan berganda")
			.doesNotContain("Exception");
	}

	@Test
	void anUploadForAGroupTheUserMayNotSeeIsRefusedInWordsAndNothingIsKept() throws Exception {
		answer("GET /api/groups/g-1", 404, "{\"title\":\"Not Found\",\"detail\":\"group g-1 not found\"}");
		MockHttpSession session = new MockHttpSession();
		this.mvc
			.perform(multipart("/kelompok/g-1/impor").file(roster())
				.session(session)
				.with(user("agency-6203", "AGENCY"))
				.with(csrf()))
			.andExpect(status().isNotFound())
			.andExpect(content().string(containsString("Data tidak ditemukan")));
		assertThat(java.util.Collections.list(session.getAttributeNames()))
			.noneMatch((name) -> name.contains("roster"));
		assertThat(REQUESTS).containsExactly("GET /api/groups/g-1");
	}

	@Test
	void anEmptyUploadIsAskedForAgainWithoutCallingTheApi() throws Exception {
		this.mvc
			.perform(multipart("/kelompok/g-1/impor")
				.file(new MockMultipartFile("file", "kosong.csv", "text/csv", new byte[0]))
				.with(user("operator-1", "OPERATOR"))
				.with(csrf()))
			.andExpect(status().isFound())
			.andExpect(flash().attribute("formError", containsString("Pilih berkas CSV")));
		assertThat(REQUESTS).isEmpty();
	}

}
