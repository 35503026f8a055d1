package id.go.kalteng.kim.infra.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import id.go.kalteng.kim.infra.e2e.PublicApi.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's register in a real browser against the whole platform: operator-1 uploads
 * a CSV roster of four rows, one with a bad number, and sees each row's answer and the
 * totals as they stream; appoints a KETUA from the new members; records a partnership
 * with a dinas and sees it listed; and finds the kabupaten's Forum KIM on the page
 * (joining it when it exists). agency-6203 then sees nothing of this 62.71 group: not its
 * page, members, partnership, nor the import. axe-core on each new page; screenshots
 * under {@code target/console-screenshots}.
 */
@ExtendWith(SharedPlatform.Resolver.class)
class ConsoleRegisterBrowserIT {

	private static final Logger log = LoggerFactory.getLogger(ConsoleRegisterBrowserIT.class);

	private static String groupId;

	private static String groupName;

	private static ConsoleBrowser browser;

	@BeforeAll
	static void aGroupOfThree(SharedPlatform shared) throws Exception {
		PublicApi api = shared.api();
		String operator = api.token("operator-1");
		groupName = "KIM Uji Register " + UUID.randomUUID().toString().substring(0, 8);
		Answer group = api.post("/api/groups", operator, Map.of("name", groupName, "kabupaten", "62.71", "kecamatan",
				"Pahandut", "desa", "Langkai", "setting", "PERKOTAAN"));
		assertThat(group.status()).as(group.text()).isEqualTo(201);
		groupId = group.id();
		for (int i = 0; i < 3; i++) {
			Answer added = api.post("/api/groups/" + groupId + "/members", operator,
					Map.of("name", "Warga Langkai " + (i + 1), "phone", randomPhone(), "gender", "PRIA", "ageGroup",
							"DEWASA", "occupation", "NELAYAN", "role", "ANGGOTA", "whatsapp", false));
			assertThat(added.status()).as(added.text()).isEqualTo(201);
		}
		browser = new ConsoleBrowser(shared.launcher().url("KIM_GATEWAY_PORT"));
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void anOperatorImportsARosterAppointsAnOfficerRecordsAPartnershipAndAnotherAgencySeesNone() throws Exception {
		try {
			walkThrough();
		}
		catch (AssertionError | RuntimeException ex) {
			browser.keepFailure("register-gagal");
			throw ex;
		}
	}

	private void walkThrough() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String chair = "Rahmawati " + suffix;
		String agency = "Dinas Kominfo Uji " + suffix;
		Path roster = Files.createTempFile("anggota-", ".csv");
		Files.writeString(roster, String.join("\n", "nama;no_hp;jenis_kelamin;kelompok_usia;pekerjaan",
				chair + ";" + randomPhone() + ";P;DEWASA;PEDAGANG", "Bambang " + suffix + ";12345;L;DEWASA;PETANI",
				"Sri " + suffix + ";" + randomPhone() + ";perempuan;orang tua;",
				"Agus " + suffix + ";" + randomPhone() + ";L;REMAJA;pelajar", ""), StandardCharsets.UTF_8);

		browser.signIn("operator-1");
		browser.open("/kelompok/" + groupId);
		browser.waitFor().until(ExpectedConditions.textToBe(By.tagName("h1"), groupName));
		browser.checkAccessibility("group");
		browser.screenshot("11-kelompok-register");

		// the roster: four rows, one with a number that is not a mobile number
		browser.driver().findElement(By.id("berkas-csv")).sendKeys(roster.toAbsolutePath().toString());
		browser.driver().findElement(By.id("unggah-csv")).click();
		browser.waitFor().until(ExpectedConditions.urlMatches("/console/kelompok/" + groupId + "/impor/[0-9a-f-]+$"));
		assertThat(browser.driver().getCurrentUrl()).doesNotContain(suffix).doesNotContain("0812");
		browser.waitFor().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#baris-impor tr"), 4));
		browser.waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("ringkasan")));
		assertThat(browser.text(By.id("jumlah-diterima"))).isEqualTo("3");
		assertThat(browser.text(By.id("jumlah-ditolak"))).isEqualTo("1");
		List<WebElement> rows = browser.driver().findElements(By.cssSelector("#baris-impor tr"));
		assertThat(rows.get(1).getText()).startsWith("3").contains("Ditolak", "Nomor HP harus nomor seluler");
		assertThat(rows.get(0).getText()).startsWith("2").contains("Diterima");
		browser.checkAccessibility("roster import");
		browser.screenshot("12-impor-csv");
		browser.driver().manage().window().setSize(new Dimension(360, 800));
		browser.screenshot("12b-impor-csv-360px");
		assertThat(browser.horizontalOverflow()).as("the import page fits a 360 px screen").isFalse();
		browser.driver().manage().window().setSize(new Dimension(1280, 900));

		// an officer from the new members
		browser.driver().findElement(By.id("kembali-kelompok")).click();
		browser.waitFor().until(ExpectedConditions.textToBe(By.tagName("h1"), groupName));
		// the three accepted rows are members now, the refused one is not
		assertThat(browser.driver().getPageSource()).contains(chair, "Sri " + suffix, "Agus " + suffix)
			.doesNotContain("Bambang " + suffix);
		new Select(browser.driver().findElement(By.id("calon-ketua"))).selectByVisibleText(chair);
		browser.driver().findElement(By.id("tetapkan-ketua")).click();
		browser.waitFor().until(ExpectedConditions.textToBe(By.id("pejabat-ketua"), chair));
		assertThat(browser.text(By.cssSelector(".notice"))).contains(chair + " ditetapkan sebagai Ketua");

		// a partnership with a dinas
		browser.driver().findElement(By.id("mitra-dinas")).sendKeys(agency);
		browser.driver().findElement(By.id("mitra-lingkup")).sendKeys("Penyebaran informasi layanan publik");
		((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = '2026-01-05';",
				browser.driver().findElement(By.id("mitra-sejak")));
		browser.driver().findElement(By.id("catat-kemitraan")).click();
		browser.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("daftar-kemitraan"), agency));
		assertThat(browser.text(By.id("daftar-kemitraan"))).contains("Berjalan", "5 Jan 2026");

		// the kabupaten's Forum KIM: joined when there is one (other tests may establish
		// 62.71's; this one does not, so that theirs can)
		if (!browser.driver().findElements(By.id("gabung-forum")).isEmpty()) {
			browser.driver().findElement(By.id("gabung-forum")).click();
			browser.waitFor().until(ExpectedConditions.textToBe(By.id("keanggotaan-forum"), "anggota forum"));
		}
		else if (browser.driver().findElements(By.id("keanggotaan-forum")).isEmpty()) {
			assertThat(browser.text(By.id("tanpa-forum"))).contains("belum dibentuk");
			assertThat(browser.driver().findElements(By.id("bentuk-forum"))).hasSize(1);
			log.info("No Forum KIM in 62.71 yet: the page offers to establish it");
		}
		browser.checkAccessibility("group with officer and partnership");
		browser.screenshot("13-kelompok-pengurus-kemitraan");
		browser.driver().manage().window().setSize(new Dimension(360, 800));
		browser.screenshot("13b-kelompok-360px");
		assertThat(browser.horizontalOverflow()).as("the group page fits a 360 px screen").isFalse();
		browser.driver().manage().window().setSize(new Dimension(1280, 900));
		browser.signOut();

		// agency-6203: nothing of this 62.71 group
		browser.signIn("agency-6203");
		browser.open("/kelompok/" + groupId);
		assertThat(browser.text(By.cssSelector(".problem"))).contains("Data tidak ditemukan");
		assertThat(browser.driver().getPageSource()).doesNotContain(groupName)
			.doesNotContain(chair)
			.doesNotContain(agency)
			.doesNotContain("+62")
			.doesNotContain("Exception");
		browser.screenshot("14-dinas-6203-tanpa-kelompok");
		// an import page of the group (an upload lives in its uploader's session only)
		browser.open("/kelompok/" + groupId + "/impor/" + UUID.randomUUID());
		assertThat(browser.text(By.cssSelector(".problem"))).contains("Data tidak ditemukan");
		assertThat(browser.driver().getPageSource()).doesNotContain(groupName);
		browser.signOut();
	}

	private static String randomPhone() {
		return "0812" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
	}

}
