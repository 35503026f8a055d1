package id.go.kalteng.kim.console.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The composer's WhatsApp template picker (for operators, who may list the templates; a
 * clear word for the others), the picked template's variables one field each, the expiry
 * in WIB, and a template picked after the first save still reaching the API.
 */
class ComposerTemplateTests extends StandInGatewayTests {

	private static final String TEMPLATES = "{\"items\":[{\"name\":\"kim_peringatan\",\"language\":\"id\",\"category\":\"UTILITY\",\"variables\":2,\"body\":\"Peringatan {{1}} di {{2}}\"}]}";

	private static final String DRAFT = """
			{"id":"b-1","title":"Waspada banjir","message":"Air naik","channels":["WHATSAPP"],"priority":"URGENT",
			 "target":{"kabupaten":["62.71"]},"status":"DRAFT","author":"operator-1"%s}
			""";

	@Test
	void operatorsPickATemplateAndFillItsVariablesOthersAreToldWhyThereIsNoPicker() throws Exception {
		answer("GET /api/kabupaten", 200, "[{\"code\":\"62.71\",\"name\":\"Palangka Raya\"}]");
		answer("GET /api/whatsapp-templates", 200, TEMPLATES);

		this.mvc.perform(get("/siaran/baru").with(user("operator-1", "OPERATOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("<select id=\"wa-templat\""),
					containsString("id=\"kedaluwarsa\" type=\"datetime-local\""),
					not(containsString("id=\"wa-templat-pesan\"")))));
		this.mvc
			.perform(post("/siaran/templat").with(user("operator-1", "OPERATOR"))
				.with(csrf())
				.param("waTemplate", "kim_peringatan")
				.param("channels", "WHATSAPP"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Peringatan {{1}} di {{2}}"),
					containsString("<label for=\"wa-var-1\">Variabel {{1}}</label>"), containsString("id=\"wa-var-2\""),
					not(containsString("id=\"wa-var-3\"")))));

		answer("GET /api/whatsapp-templates", 403, "{\"title\":\"Forbidden\"}");
		this.mvc.perform(get("/siaran/baru").with(user("agency-6271", "AGENCY")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"wa-templat-pesan\""),
					containsString("hanya dapat dibaca operator provinsi"),
					not(containsString("<select id=\"wa-templat\"")))));
	}

	@Test
	void theDraftCarriesTheTemplateWithItsVariablesAndTheExpiryInWib() throws Exception {
		answer("GET /api/kabupaten", 200, "[{\"code\":\"62.71\",\"name\":\"Palangka Raya\"}]");
		answer("POST /api/broadcasts", 201, DRAFT.formatted(""), "\"1\"");

		this.mvc
			.perform(post("/siaran/susun").with(user("operator-1", "OPERATOR"))
				.with(csrf())
				.param("title", "Waspada banjir")
				.param("message", "Air naik")
				.param("channels", "WHATSAPP")
				.param("priority", "URGENT")
				.param("waTemplate", "kim_peringatan")
				.param("waValues", "banjir", "Menteng")
				.param("expiresAt", "2026-12-03T21:00")
				.param("action", "draft"))
			.andExpect(status().isFound());
		assertThat(BODIES.get("POST /api/broadcasts")).contains("\"priority\":\"URGENT\"",
				"\"expiresAt\":\"2026-12-03T21:00+07:00\"",
				"\"whatsappTemplate\":{\"name\":\"kim_peringatan\",\"language\":\"id\",\"variables\":[\"banjir\",\"Menteng\"]}");
	}

	@Test
	void aTemplatePickedAfterTheFirstSaveGoesInTheEditAndOneRemovedMakesANewDraft() throws Exception {
		String withTemplate = DRAFT.formatted(
				",\"whatsappTemplate\":{\"name\":\"kim_peringatan\",\"language\":\"id\",\"variables\":[\"banjir\",\"Menteng\"],\"verified\":true}");
		answer("PATCH /api/broadcasts/b-1", 200, withTemplate, "\"2\"");
		answer("GET /api/broadcasts/b-1/preview", 200,
				"{\"recipients\":3,\"byKabupaten\":{\"62.71\":3},\"byChannel\":{\"WHATSAPP\":3}}");

		this.mvc
			.perform(post("/siaran/perkiraan").with(user("operator-1", "OPERATOR"))
				.with(csrf())
				.param("id", "b-1")
				.param("etag", "\"1\"")
				.param("title", "Waspada banjir")
				.param("message", "Air naik")
				.param("channels", "WHATSAPP")
				.param("waTemplate", "kim_peringatan")
				.param("waValues", "banjir", "Menteng"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("name=\"id\" value=\"b-1\""),
					containsString("id=\"jumlah-penerima\">3</span>"))));
		assertThat(REQUESTS).containsExactly("PATCH /api/broadcasts/b-1", "GET /api/broadcasts/b-1/preview");
		assertThat(BODIES.get("PATCH /api/broadcasts/b-1")).contains(
				"\"whatsappTemplate\":{\"name\":\"kim_peringatan\",\"language\":\"id\",\"variables\":[\"banjir\",\"Menteng\"]}");

		// the template taken away again: the edit cannot remove it, so a new draft
		// without it, and the old one cancelled
		REQUESTS.clear();
		answer("PATCH /api/broadcasts/b-1", 200, withTemplate, "\"3\"");
		answer("POST /api/broadcasts", 201, DRAFT.formatted("").replace("b-1", "b-2"), "\"1\"");
		answer("POST /api/broadcasts/b-1/cancel", 200, withTemplate.replace("DRAFT", "CANCELLED"), "\"4\"");
		answer("GET /api/broadcasts/b-2/preview", 200,
				"{\"recipients\":3,\"byKabupaten\":{\"62.71\":3},\"byChannel\":{\"WHATSAPP\":3}}");
		this.mvc
			.perform(post("/siaran/perkiraan").with(user("operator-1", "OPERATOR"))
				.with(csrf())
				.param("id", "b-1")
				.param("etag", "\"2\"")
				.param("title", "Waspada banjir")
				.param("message", "Air naik")
				.param("channels", "WHATSAPP"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"id\" value=\"b-2\"")));
		assertThat(REQUESTS).containsSubsequence("PATCH /api/broadcasts/b-1", "POST /api/broadcasts",
				"POST /api/broadcasts/b-1/cancel");
		assertThat(HEADERS.get("POST /api/broadcasts/b-1/cancel if-match")).isEqualTo("\"3\"");
	}

}
