package id.go.kalteng.kim.console.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The group page's officers, partnerships and Forum KIM: shown as the API answers them,
 * with the forms only for the roles the API lets change them, changes sent as the API
 * takes them (CSRF-protected), refusals told in words.
 */
class GroupRegisterPagesTests extends StandInGatewayTests {

	private static final String GROUP = "{\"id\":\"g-1\",\"name\":\"KIM Menteng\",\"kabupaten\":\"62.71\",\"kecamatan\":\"Jekan Raya\",\"desa\":\"Menteng\",\"status\":\"ACTIVE\",\"memberCount\":3}";

	private static final String MEMBERS = "{\"items\":["
			+ "{\"id\":\"m-1\",\"name\":\"Siti Rahma\",\"phone\":\"+6281349209002\",\"role\":\"KETUA\"},"
			+ "{\"id\":\"m-2\",\"name\":\"Yohanes\",\"phone\":\"+6281251109001\",\"role\":\"ANGGOTA\"},"
			+ "{\"id\":\"m-3\",\"name\":\"Dewi\",\"phone\":\"+6285247119003\",\"role\":\"ANGGOTA\"}],\"page\":0,\"size\":100,\"total\":3}";

	private static final String PARTNERSHIPS = "{\"items\":[{\"id\":\"p-1\",\"agency\":\"Diskominfo Kota Palangka Raya\",\"scope\":\"Informasi layanan publik\",\"since\":\"2025-04-01\"},"
			+ "{\"id\":\"p-0\",\"agency\":\"Dinas Pertanian\",\"scope\":\"Penyuluhan\",\"since\":\"2023-01-01\",\"until\":\"2024-12-31\",\"endReason\":\"Program selesai\"}],\"page\":0,\"size\":2,\"total\":2}";

	private static final String FORUM = "{\"id\":\"forum-62.71\",\"kabupaten\":\"62.71\",\"name\":\"Forum KIM Kota Palangka Raya\",\"memberGroups\":[\"g-1\",\"g-2\"],"
			+ "\"coordinators\":[{\"groupId\":\"g-1\",\"memberId\":\"m-1\",\"position\":\"SEKRETARIS\"},{\"groupId\":\"g-2\",\"memberId\":\"x-9\",\"position\":\"KETUA\"}]}";

	private void aGroupWithItsRegister() {
		answer("GET /api/groups/g-1", 200, GROUP, "\"4\"");
		answer("GET /api/groups/g-1/members", 200, MEMBERS);
		answer("GET /api/groups/g-1/partnerships", 200, PARTNERSHIPS);
		answer("GET /api/forums/forum-62.71", 200, FORUM, "\"2\"");
		answer("GET /api/groups", 200, "{\"items\":[" + GROUP
				+ ",{\"id\":\"g-2\",\"name\":\"KIM Pahandut\",\"kabupaten\":\"62.71\"}],\"page\":0,\"size\":100,\"total\":2}");
	}

	@Test
	void anOperatorSeesOfficersPartnershipsAndTheForumWithTheFormsToChangeThem() throws Exception {
		aGroupWithItsRegister();

		this.mvc.perform(get("/kelompok/g-1").with(user("operator-1", "OPERATOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"pejabat-ketua\">Siti Rahma</td>"),
					containsString("id=\"pejabat-sekretaris\">belum ada</td>"), containsString("id=\"tetapkan-ketua\""),
					containsString("Diskominfo Kota Palangka Raya"),
					containsString("Berakhir 31 Des 2024 (Program selesai)"), containsString("id=\"catat-kemitraan\""),
					containsString("Forum KIM Kota Palangka Raya"), containsString("KIM Menteng, KIM Pahandut"),
					containsString("Siti Rahma (Sekretaris)"), containsString("id=\"keluar-forum\""),
					containsString("enctype=\"multipart/form-data\""),
					// operators see members' phones in full
					containsString("+6281349209002"))));
		assertThat(HEADERS.get("GET /api/groups/g-1/partnerships authorization"))
			.isEqualTo("Bearer token-of-operator-1");
	}

	@Test
	void anAgencyOfAnotherKabupatenSeesNothingOfTheGroupAsTheApiAnswers() throws Exception {
		answer("GET /api/groups/g-1", 404, "{\"title\":\"Not Found\",\"detail\":\"group g-1 not found\"}");

		this.mvc.perform(get("/kelompok/g-1").with(user("agency-6203", "AGENCY")))
			.andExpect(status().isNotFound())
			.andExpect(content().string(allOf(containsString("Data tidak ditemukan"), not(containsString("Menteng")),
					not(containsString("Siti")), not(containsString("Diskominfo")), not(containsString("Exception")))));
		// the page asked nothing more once the group was not there for this user
		assertThat(REQUESTS).containsExactly("GET /api/groups/g-1");
	}

	@Test
	void aCoordinatorManagesOfficersButNotPartnershipsOrTheForumAndAnAgencySeesMaskedPhones() throws Exception {
		aGroupWithItsRegister();

		this.mvc.perform(get("/kelompok/g-1").with(user("coordinator-demo", "COORDINATOR")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"tetapkan-ketua\""),
					containsString("id=\"unggah-csv\""), not(containsString("id=\"catat-kemitraan\"")),
					not(containsString("id=\"keluar-forum\"")), containsString("Diskominfo Kota Palangka Raya"))));
		this.mvc.perform(get("/kelompok/g-1").with(user("agency-6271", "AGENCY")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"catat-kemitraan\""),
					containsString("+62813*****002"), not(containsString("+6281349209002")))));
		// an agency of another kabupaten, had the API shown it the group: no forms
		this.mvc.perform(get("/kelompok/g-1").with(user("agency-6203", "AGENCY")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(not(containsString("id=\"tetapkan-ketua\"")),
					not(containsString("id=\"catat-kemitraan\"")), not(containsString("id=\"unggah-csv\"")))));
	}

	@Test
	void changesWithoutTheCsrfTokenAreRefused() throws Exception {
		aGroupWithItsRegister();

		this.mvc
			.perform(post("/kelompok/g-1/pengurus").with(user("operator-1", "OPERATOR"))
				.param("role", "KETUA")
				.param("memberId", "m-2"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/kelompok/g-1/kemitraan").with(user("operator-1", "OPERATOR"))
				.param("agency", "Diskominfo")
				.param("scope", "Informasi")
				.param("since", "2025-04-01"))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/kelompok/g-1/forum/gabung").with(user("operator-1", "OPERATOR")))
			.andExpect(status().isForbidden());
		assertThat(REQUESTS).isEmpty();
	}

	@Test
	void appointingAnOfficerReplacesTheHolderWhoBecomesAnOrdinaryMember() throws Exception {
		aGroupWithItsRegister();
		answer("GET /api/groups/g-1/members/m-1", 200, "{\"id\":\"m-1\",\"name\":\"Siti Rahma\",\"role\":\"KETUA\"}",
				"\"7\"");
		answer("GET /api/groups/g-1/members/m-2", 200, "{\"id\":\"m-2\",\"name\":\"Yohanes\",\"role\":\"ANGGOTA\"}",
				"\"3\"");
		answer("PATCH /api/groups/g-1/members/m-1", 200, "{\"id\":\"m-1\",\"role\":\"ANGGOTA\"}");
		answer("PATCH /api/groups/g-1/members/m-2", 200, "{\"id\":\"m-2\",\"role\":\"KETUA\"}");

		this.mvc
			.perform(post("/kelompok/g-1/pengurus").with(user("operator-1", "OPERATOR"))
				.with(csrf())
				.param("role", "KETUA")
				.param("memberId", "m-2"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/kelompok/g-1#pengurus"))
			.andExpect(flash().attribute("notice", "Yohanes ditetapkan sebagai Ketua, menggantikan Siti Rahma."));
		assertThat(REQUESTS).containsSubsequence("PATCH /api/groups/g-1/members/m-1",
				"PATCH /api/groups/g-1/members/m-2");
		assertThat(BODIES.get("PATCH /api/groups/g-1/members/m-1")).isEqualTo("{\"role\":\"ANGGOTA\"}");
		assertThat(HEADERS.get("PATCH /api/groups/g-1/members/m-1 if-match")).isEqualTo("\"7\"");
		assertThat(BODIES.get("PATCH /api/groups/g-1/members/m-2")).isEqualTo("{\"role\":\"KETUA\"}");
		assertThat(HEADERS.get("PATCH /api/groups/g-1/members/m-2 if-match")).isEqualTo("\"3\"");
	}

	@Test
	void aRefusedAppointmentGivesThePlaceBackAndSaysWhy() throws Exception {
		aGroupWithItsRegister();
		answer("GET /api/groups/g-1/members/m-1", 200, "{\"id\":\"m-1\",\"role\":\"KETUA\"}", "\"7\"");
		answer("GET /api/groups/g-1/members/m-2", 200, "{\"id\":\"m-2\",\"role\":\"ANGGOTA\"}", "\"3\"");
		answer("PATCH /api/groups/g-1/members/m-1", 200, "{\"id\":\"m-1\"}");
		answer("PATCH /api/groups/g-1/members/m-2", 403,
				"{\"title\":\"Forbidden\",\"detail\":\"an agency manages the groups of its own kabupaten\"}");

		this.mvc
			.perform(post("/kelompok/g-1/pengurus").with(user("operator-1", "OPERATOR"))
				.with(csrf())
				.param("role", "KETUA")
				.param("memberId", "m-2"))
			.andExpect(status().isFound())
			.andExpect(flash().attribute("problem", notNullValue()));
		// the holder got the place back
		assertThat(BODIES.get("PATCH /api/groups/g-1/members/m-1")).isEqualTo("{\"role\":\"KETUA\"}");

		// what the page then says
		this.mvc
			.perform(get("/kelompok/g-1").with(user("operator-1", "OPERATOR"))
				.flashAttr("problem",
						new id.go.kalteng.kim.console.api.ApiProblem(403, "Forbidden",
								"an agency manages the groups of its own kabupaten", java.util.List.of())))
			.andExpect(content().string(allOf(containsString("Anda tidak berwenang melakukan tindakan ini."),
					containsString("an agency manages the groups of its own kabupaten"))));
	}

	@Test
	void aPartnershipIsFormedOnceWithItsKeyAndAnIncompleteOneIsNotSent() throws Exception {
		answer("POST /api/groups/g-1/partnerships", 201,
				"{\"id\":\"p-2\",\"agency\":\"Dinas Kesehatan\",\"scope\":\"Posyandu\",\"since\":\"2026-01-05\"}");

		this.mvc
			.perform(post("/kelompok/g-1/kemitraan").with(user("agency-6271", "AGENCY"))
				.with(csrf())
				.param("agency", " Dinas Kesehatan ")
				.param("scope", "Posyandu")
				.param("since", "2026-01-05")
				.param("requestKey", "k-1"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/kelompok/g-1#kemitraan"))
			.andExpect(flash().attribute("notice", "Kemitraan dengan Dinas Kesehatan dicatat."));
		assertThat(BODIES.get("POST /api/groups/g-1/partnerships"))
			.isEqualTo("{\"agency\":\"Dinas Kesehatan\",\"scope\":\"Posyandu\",\"since\":\"2026-01-05\"}");
		assertThat(HEADERS.get("POST /api/groups/g-1/partnerships idempotency-key")).isEqualTo("k-1");

		REQUESTS.clear();
		this.mvc
			.perform(post("/kelompok/g-1/kemitraan").with(user("agency-6271", "AGENCY"))
				.with(csrf())
				.param("agency", "Dinas Kesehatan")
				.param("since", "kemarin"))
			.andExpect(status().isFound())
			.andExpect(flash().attribute("formError", "Lengkapi kemitraan: ruang lingkup, tanggal mulai."))
			.andExpect(flash().attribute("partnershipAgency", "Dinas Kesehatan"));
		assertThat(REQUESTS).isEmpty();
	}

	@Test
	void endingAPartnershipAndJoiningOrEstablishingTheForumGoToTheApi() throws Exception {
		answer("GET /api/groups/g-1", 200, GROUP, "\"4\"");
		answer("POST /api/groups/g-1/partnerships/p-1/end", 200, "{\"id\":\"p-1\",\"until\":\"2026-12-01\"}");
		answer("POST /api/forums/forum-62.71/groups", 200, FORUM);
		answer("POST /api/forums", 201, FORUM);

		this.mvc
			.perform(post("/kelompok/g-1/kemitraan/p-1/akhiri").with(user("operator-1", "OPERATOR"))
				.with(csrf())
				.param("reason", "Program selesai"))
			.andExpect(flash().attribute("notice", "Kemitraan diakhiri."));
		assertThat(BODIES.get("POST /api/groups/g-1/partnerships/p-1/end"))
			.isEqualTo("{\"reason\":\"Program selesai\"}");

		this.mvc.perform(post("/kelompok/g-1/forum/gabung").with(user("operator-1", "OPERATOR")).with(csrf()))
			.andExpect(redirectedUrl("/kelompok/g-1#forum"))
			.andExpect(flash().attribute("notice", "Kelompok bergabung dengan Forum KIM."));
		assertThat(BODIES.get("POST /api/forums/forum-62.71/groups")).isEqualTo("{\"groupId\":\"g-1\"}");

		this.mvc
			.perform(post("/kelompok/g-1/forum/bentuk").with(user("operator-1", "OPERATOR"))
				.with(csrf())
				.param("name", "Forum KIM Kota Palangka Raya"))
			.andExpect(flash().attribute("notice", containsString("Forum KIM dibentuk")));
		assertThat(BODIES.get("POST /api/forums")).contains("\"kabupaten\":\"62.71\"", "\"memberGroups\":[\"g-1\"]",
				"\"name\":\"Forum KIM Kota Palangka Raya\"");

		answer("POST /api/forums/forum-62.71/groups", 422,
				"{\"title\":\"Unprocessable\",\"detail\":\"group g-1 is dissolved and cannot join a forum\"}");
		this.mvc.perform(post("/kelompok/g-1/forum/gabung").with(user("operator-1", "OPERATOR")).with(csrf()))
			.andExpect(flash().attribute("problem", notNullValue()));
	}

	@Test
	void aSectionTheApiCannotAnswerSaysSoAndTheRestOfThePageStays() throws Exception {
		aGroupWithItsRegister();
		answer("GET /api/groups/g-1/partnerships", 503, "<html>java.lang.IllegalStateException</html>");
		answer("GET /api/forums/forum-62.71", 404, "{\"title\":\"Not Found\"}");

		this.mvc.perform(get("/kelompok/g-1").with(user("operator-1", "OPERATOR")))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(allOf(containsString("Siti Rahma"), containsString("Layanan KIM sedang tidak dapat dihubungi"),
						not(containsString("IllegalStateException")),
						containsString("Forum KIM kabupaten/kota ini belum dibentuk."),
						containsString("id=\"bentuk-forum\""))));
	}

}
