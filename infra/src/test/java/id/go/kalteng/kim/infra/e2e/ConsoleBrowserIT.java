package id.go.kalteng.kim.infra.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import id.go.kalteng.kim.infra.e2e.PublicApi.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations console in a real browser (headless Chromium from Debian's
 * {@code chromium} and {@code chromium-driver}) against the whole platform: operator-1
 * signs in, composes a broadcast with the live recipient count and submits it, and finds
 * no approve button on it; operator-2 approves it from the queue and watches delivery on
 * the live page; agency-6203 sees nothing of 62.71's group or broadcast. Every page is
 * checked with axe-core (no serious or critical violation); each step is saved as a
 * screenshot under {@code target/console-screenshots}.
 */
@ExtendWith(SharedPlatform.Resolver.class)
class ConsoleBrowserIT {

	private static final Logger log = LoggerFactory.getLogger(ConsoleBrowserIT.class);

	private static final List<String> PHONES = List.of("0812-5110-9501", "0813-4920-9502", "0852-4711-9503");

	private static final Duration DELIVERY = Duration.ofSeconds(90);

	private static PublicApi api;

	private static String gateway;

	private static String groupId;

	private static String groupName;

	private static ConsoleBrowser console;

	private static WebDriver browser;

	@BeforeAll
	static void platformAndGroup(SharedPlatform shared) throws Exception {
		api = shared.api();
		gateway = shared.launcher().url("KIM_GATEWAY_PORT");
		String operator = api.token("operator-1");
		groupName = "KIM Uji Konsol " + UUID.randomUUID().toString().substring(0, 8);
		Answer group = api.post("/api/groups", operator, Map.of("name", groupName, "kabupaten", "62.71", "kecamatan",
				"Jekan Raya", "desa", "Menteng", "setting", "PERKOTAAN"));
		assertThat(group.status()).as(group.text()).isEqualTo(201);
		groupId = group.id();
		for (String phone : PHONES) {
			Answer added = api.post("/api/groups/" + groupId + "/members", operator,
					Map.of("name", "Warga Menteng", "phone", phone, "gender", "WANITA", "ageGroup", "DEWASA",
							"occupation", "PEDAGANG", "role", "ANGGOTA", "whatsapp", false));
			assertThat(added.status()).as(added.text()).isEqualTo(201);
		}
		awaitGroupKnownToDissemination(operator);
	}

	@AfterAll
	static void closeBrowser() {
		if (console != null) {
			console.close();
		}
	}

	@Test
	void operatorsDraftApproveAndWatchDeliveryAndAnAgencySeesOnlyItsKabupaten() throws Exception {
		console = new ConsoleBrowser(gateway);
		browser = console.driver();
		try {
			walkThrough();
		}
		catch (AssertionError | RuntimeException ex) {
			console.keepFailure("gagal");
			throw ex;
		}
	}

	private void walkThrough() throws Exception {
		String title = "Waspada banjir Menteng " + UUID.randomUUID().toString().substring(0, 8);

		// operator-1 composes and submits
		console.signIn("operator-1");
		console.screenshot("01-beranda-operator");
		browser.get(gateway + "/console/siaran/baru");
		browser.findElement(By.id("judul")).sendKeys(title);
		browser.findElement(By.id("pesan"))
			.sendKeys("Air Sungai Kahayan naik. Siapkan barang berharga dan pantau info RT.");
		console.waitFor().until(ExpectedConditions.textToBe(By.id("jumlah-segmen"), "1"));
		browser.findElement(By.id("kab-62.71")).click();
		browser.findElement(By.id("kelompok")).sendKeys(groupId);
		// the estimate follows each change: three members of the group, all by SMS
		browser.findElement(By.id("jadwal")).click();
		console.waitFor().until(ExpectedConditions.textToBe(By.id("jumlah-penerima"), "3"));
		console.checkAccessibility("composer");
		console.screenshot("02-tulis-siaran");
		browser.manage().window().setSize(new Dimension(360, 800));
		console.screenshot("02b-tulis-siaran-360px");
		assertThat(console.horizontalOverflow()).as("the composer fits a 360 px screen").isFalse();
		browser.manage().window().setSize(new Dimension(1280, 900));
		browser.findElement(By.id("ajukan")).click();
		console.waitFor().until(ExpectedConditions.textToBe(By.id("status-siaran"), "Menunggu persetujuan"));
		String broadcastId = lastPathSegment(browser.getCurrentUrl());
		console.screenshot("03-diajukan");
		// four eyes: the author gets no approve button
		browser.get(gateway + "/console/persetujuan/" + broadcastId);
		assertThat(browser.findElements(By.id("setujui"))).isEmpty();
		assertThat(browser.findElement(By.id("bukan-penyetuju")).getText()).contains("operator lain");
		console.signOut();

		// operator-2 approves from the queue
		console.signIn("operator-2");
		browser.get(gateway + "/console/persetujuan");
		console.checkAccessibility("approval queue");
		browser.findElement(By.linkText(title)).click();
		console.waitFor().until(ExpectedConditions.textToBe(By.id("jumlah-penerima"), "3"));
		assertThat(browser.findElement(By.cssSelector(".message")).getText()).contains("Sungai Kahayan");
		console.checkAccessibility("approval");
		console.screenshot("04-tinjau-persetujuan");
		browser.findElement(By.id("setujui")).click();

		// the live page follows delivery until the broadcast is COMPLETED (the sandbox
		// gives no delivery reports here, so each SENT is final)
		console.waitFor().until(ExpectedConditions.urlContains("/langsung"));
		console.checkAccessibility("live delivery");
		console.waitFor(DELIVERY)
			.until((driver) -> "3".equals(console.text(By.id("total-penerima")))
					&& "3".equals(console.text(By.id("terproses")))
					&& "COMPLETED".equals(browser.findElement(By.id("status-kirim")).getAttribute("data-status")));
		assertThat(console.text(By.id("gagal"))).isEqualTo("0");
		console.screenshot("05-pengiriman-langsung");
		console.signOut();

		// agency-6203 sees its own kabupaten only
		console.signIn("agency-6203");
		assertThat(browser.findElement(By.tagName("h1")).getText()).contains("62.03");
		assertThat(browser.getPageSource()).doesNotContain(groupName).doesNotContain(title);
		console.checkAccessibility("agency home");
		console.screenshot("06-beranda-dinas-6203");
		browser.get(gateway + "/console/kelompok");
		assertThat(browser.getPageSource()).doesNotContain(groupName).doesNotContain("62.71");
		browser.get(gateway + "/console/siaran");
		assertThat(browser.getPageSource()).doesNotContain(title);
		browser.get(gateway + "/console/siaran/" + broadcastId);
		assertThat(browser.findElement(By.cssSelector(".problem")).getText()).contains("Data tidak ditemukan");
		assertThat(browser.getPageSource()).doesNotContain(title).doesNotContain("Exception");
		console.screenshot("07-dinas-6203-tanpa-akses");
		browser.get(gateway + "/console/kelompok/" + groupId);
		assertThat(browser.getPageSource()).doesNotContain(groupName).doesNotContain("+62");
	}

	private static String lastPathSegment(String url) {
		String path = url.replaceAll("[?#].*$", "");
		return path.substring(path.lastIndexOf('/') + 1);
	}

	/** Dissemination learns members from group events: wait until it counts all three. */
	private static void awaitGroupKnownToDissemination(String token) throws Exception {
		Answer draft = api.post("/api/broadcasts", token, Map.of("title", "Uji konsol (perkiraan)", "message", "uji",
				"channels", List.of("SMS"), "priority", "NORMAL", "target", Map.of("groups", List.of(groupId))));
		assertThat(draft.status()).as(draft.text()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			Answer preview = api.get("/api/broadcasts/" + draft.id() + "/preview", token);
			assertThat(preview.body().path("recipients").asInt(-1)).isEqualTo(PHONES.size());
		});
		api.post("/api/broadcasts/" + draft.id() + "/cancel", token, Map.of());
		log.info("Dissemination knows the {} members of {}", PHONES.size(), groupId);
	}

}
