package id.go.kalteng.kim.group.membership;

import java.nio.charset.StandardCharsets;

import id.go.kalteng.kim.group.GroupApi;
import id.go.kalteng.kim.group.GroupServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.RequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Roster spreadsheets as kabupaten offices keep them: per-row answers, rows applied whole
 * or not at all, repeated uploads, and files far larger than a group.
 */
class RosterImportIntegrationTest extends GroupServiceIntegrationTest {

	@Test
	void eachRowIsAnsweredAndOnlyGoodRowsAreApplied() throws Exception {
		String group = this.api.registerGroup(OPERATOR, "KIM Roster", "62.71").get("id").asString();
		String a = GroupApi.newPhone();
		String b = GroupApi.newPhone();
		String csv = "\uFEFFNama;No HP;Jenis Kelamin;Kelompok Usia;Pekerjaan;Jabatan\n" //
				+ "Siti Aminah;" + a + ";P;Dewasa;Petani;Ketua\n" // accepted
				+ "Budi Santoso;+62 " + b.substring(1) + ";L;orang tua;Guru;\n" // accepted
				+ "Tanpa Nomor;;L;Remaja;Pelajar;Anggota\n" // no number
				+ "Dobel;" + a + ";L;Remaja;Pelajar;Anggota\n" // same number
				+ "Ketua Kedua;" + GroupApi.newPhone() + ";P;Dewasa;;Ketua\n" // second
																				// KETUA
				+ "Salah Usia;" + GroupApi.newPhone() + ";X;Tua;Nelayan;Bos\n"; // bad
																				// values
		JsonNode answer = importCsv(group, csv, null);
		assertThat(answer.get("accepted").asInt()).isEqualTo(2);
		assertThat(answer.get("rejected").asInt()).isEqualTo(4);
		JsonNode rows = answer.get("rows");
		assertThat(rows.get(0).get("row").asInt()).isEqualTo(2);
		assertThat(rows.get(0).get("status").asString()).isEqualTo("ACCEPTED");
		assertThat(rows.get(2).get("errors").get(0).get("field").asString()).isEqualTo("no_hp");
		assertThat(rows.get(3).get("rule").asString()).isEqualTo("duplicate-phone");
		assertThat(rows.get(4).get("rule").asString()).isEqualTo("officer-taken");
		assertThat(rows.get(5).get("errors").findValuesAsString("field")).containsExactly("jenis_kelamin",
				"kelompok_usia", "jabatan");
		this.mvc.perform(get("/api/groups/{id}/members", group).with(OPERATOR))
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.items[1].occupation").value("LAINNYA"))
			.andExpect(jsonPath("$.items[1].ageGroup").value("LANSIA"));
	}

	@Test
	void aRepeatedUploadWithTheSameKeyAddsNothing() throws Exception {
		String group = this.api.registerGroup(OPERATOR, "KIM Roster Ulang", "62.71").get("id").asString();
		String csv = "nama,no_hp,jenis_kelamin,kelompok_usia\nAni," + GroupApi.newPhone() + ",P,REMAJA\nBayu,"
				+ GroupApi.newPhone() + ",L,DEWASA\n";
		JsonNode first = importCsv(group, csv, "roster-2026-11");
		JsonNode again = importCsv(group, csv, "roster-2026-11");
		assertThat(again.get("rows")).isEqualTo(first.get("rows"));
		this.mvc.perform(get("/api/groups/{id}", group).with(OPERATOR)).andExpect(jsonPath("$.memberCount").value(2));
		JsonNode withoutKey = importCsv(group, csv, null);
		assertThat(withoutKey.get("rows").findValuesAsString("rule")).containsOnly("duplicate-phone");
	}

	@Test
	void aTenThousandRowFileIsAnsweredRowByRowAndStopsAtTheGroupLimit() throws Exception {
		String group = this.api.registerGroup(OPERATOR, "KIM Roster Besar", "62.71").get("id").asString();
		StringBuilder csv = new StringBuilder("nama,no_hp,jenis_kelamin,kelompok_usia,pekerjaan,jabatan\n");
		for (int i = 0; i < 10_000; i++) {
			csv.append("Warga ").append(i).append(',').append(GroupApi.newPhone()).append(",L,DEWASA,NELAYAN,\n");
		}
		MockMultipartFile file = new MockMultipartFile("file", "roster.csv", "text/csv",
				csv.toString().getBytes(StandardCharsets.UTF_8));
		JsonNode answer = this.api
			.read(this.mvc.perform(multipart("/api/groups/{id}/members/import", group).file(file).with(OPERATOR))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString());
		assertThat(answer.get("rows").size()).isEqualTo(10_000);
		assertThat(answer.get("accepted").asInt()).isEqualTo(30);
		assertThat(answer.get("rows").get(9_999).get("rule").asString()).isEqualTo("group-full");
		this.mvc.perform(get("/api/groups/{id}", group).with(OPERATOR))
			.andExpect(jsonPath("$.memberCount").value(30))
			.andExpect(jsonPath("$.status").value("ACTIVE"));
	}

	@Test
	void aBrokenFileIsAnsweredUpToWhereItBreaks() throws Exception {
		String group = this.api.registerGroup(OPERATOR, "KIM Roster Rusak", "62.71").get("id").asString();
		String csv = "nama,no_hp,jenis_kelamin,kelompok_usia\nAni," + GroupApi.newPhone() + ",P,REMAJA\n" + "\"Budi,\"x"
				+ GroupApi.newPhone() + ",L,DEWASA\nCici," + GroupApi.newPhone() + ",P,DEWASA\n";
		JsonNode answer = importCsv(group, csv, null);
		JsonNode rows = answer.get("rows");
		assertThat(rows.get(0).get("status").asString()).isEqualTo("ACCEPTED");
		assertThat(rows.get(rows.size() - 1).get("rule").asString()).isEqualTo("malformed-csv");
		assertThat(answer.get("accepted").asInt()).isEqualTo(1);
		this.mvc.perform(get("/api/groups/{id}", group).with(OPERATOR)).andExpect(jsonPath("$.memberCount").value(1));
	}

	@Test
	void aRosterWithoutTheRequiredColumnsIsRefusedBeforeAnyRow() throws Exception {
		String group = this.api.registerGroup(OPERATOR, "KIM Roster Kosong", "62.71").get("id").asString();
		this.mvc
			.perform(post("/api/groups/{id}/members/import", group).with(OPERATOR)
				.contentType("text/csv")
				.content("nama,telepon\nAni,081234567890\n"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].message", org.hamcrest.Matchers.hasItem(containsString("jenis_kelamin"))));
		this.mvc
			.perform(post("/api/groups/{id}/members/import", "nope").with(OPERATOR)
				.contentType("text/csv")
				.content("nama,no_hp,jenis_kelamin,kelompok_usia\n"))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/api/groups/{id}", group).with(OPERATOR)).andExpect(jsonPath("$.memberCount").value(0));
	}

	@Test
	void aHeaderLineOverEightKilobytesIsRefusedBeforeAnyRow() throws Exception {
		String group = this.api.registerGroup(OPERATOR, "KIM Roster Panjang", "62.71").get("id").asString();
		String csv = "nama,no_hp,jenis_kelamin,kelompok_usia," + "x".repeat(9000) + "\nAni," + GroupApi.newPhone()
				+ ",P,REMAJA\n";
		refused(post("/api/groups/{id}/members/import", group).with(OPERATOR).contentType("text/csv").content(csv), 400,
				"header", "8192");
		assertNoMembers(group);
	}

	@Test
	void aHeaderWithAnUnterminatedQuoteIsRefusedBeforeAnyRow() throws Exception {
		String group = this.api.registerGroup(OPERATOR, "KIM Roster Kutip", "62.71").get("id").asString();
		String csv = "\"nama,no_hp,jenis_kelamin,kelompok_usia\nAni," + GroupApi.newPhone() + ",P,REMAJA\n";
		refused(post("/api/groups/{id}/members/import", group).with(OPERATOR).contentType("text/csv").content(csv), 400,
				"header", "quote");
		assertNoMembers(group);
	}

	@Test
	void aBinaryOrEmptyUploadIsRefusedAsNotACsvRoster() throws Exception {
		String group = this.api.registerGroup(OPERATOR, "KIM Roster Biner", "62.71").get("id").asString();
		byte[] spreadsheet = { 'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0, (byte) 0xb3, (byte) 0xfe, '"', 'x', '\n',
				'n', 'a', 'm', 'a' };
		refused(post("/api/groups/{id}/members/import", group).with(OPERATOR)
			.contentType("text/csv")
			.content(spreadsheet), 400, "file", "CSV");
		refused(multipart("/api/groups/{id}/members/import", group)
			.file(new MockMultipartFile("file", "roster.csv", "text/csv", spreadsheet))
			.with(OPERATOR), 400, "file", "CSV");
		refused(post("/api/groups/{id}/members/import", group).with(OPERATOR).contentType("text/csv").content(""), 400,
				"file", "empty");
		refused(multipart("/api/groups/{id}/members/import", group)
			.file(new MockMultipartFile("file", "roster.csv", "text/csv", new byte[0]))
			.with(OPERATOR), 400, "file", "empty");
		refused(multipart("/api/groups/{id}/members/import", group)
			.file(new MockMultipartFile("roster", "roster.csv", "text/csv", "nama".getBytes(StandardCharsets.UTF_8)))
			.with(OPERATOR), 400, "file", "");
		assertNoMembers(group);
	}

	@Test
	void anUploadThatIsNotCsvIsAnUnsupportedMediaType() throws Exception {
		String group = this.api.registerGroup(OPERATOR, "KIM Roster Jenis", "62.71").get("id").asString();
		String csv = "nama,no_hp,jenis_kelamin,kelompok_usia\nAni," + GroupApi.newPhone() + ",P,REMAJA\n";
		this.mvc
			.perform(post("/api/groups/{id}/members/import", group).with(OPERATOR)
				.contentType(MediaType.APPLICATION_JSON)
				.content(csv))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("text/csv")));
		refused(multipart("/api/groups/{id}/members/import", group)
			.file(new MockMultipartFile("file", "roster.xlsx",
					"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
					csv.getBytes(StandardCharsets.UTF_8)))
			.with(OPERATOR), 415, "file", "CSV");
		assertNoMembers(group);
	}

	private void refused(RequestBuilder request, int status, String field, String says) throws Exception {
		this.mvc.perform(request)
			.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value(field))
			.andExpect(jsonPath("$.errors[0].message", containsString(says)));
	}

	private void assertNoMembers(String group) throws Exception {
		this.mvc.perform(get("/api/groups/{id}", group).with(OPERATOR)).andExpect(jsonPath("$.memberCount").value(0));
	}

	private JsonNode importCsv(String group, String csv, String key) throws Exception {
		var request = post("/api/groups/{id}/members/import", group).with(OPERATOR)
			.contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
			.content(csv.getBytes(StandardCharsets.UTF_8));
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		return this.api
			.read(this.mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

}
