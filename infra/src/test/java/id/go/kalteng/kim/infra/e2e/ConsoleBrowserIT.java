package id.go.kalteng.kim.infra.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import id.go.kalteng.kim.infra.e2e.PublicApi.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
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

	private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	private static final List<String> PHONES = List.of("0812-5110-9501", "0813-4920-9502", "0852-4711-9503");

	private static final Duration DELIVERY = Duration.ofSeconds(90);

	private static PublicApi api;

	private static String gateway;

	private static Path profiles;

	private static String groupId;

	private static String groupName;

	private static WebDriver browser;

	@BeforeAll
	static void platformAndGroup(SharedPlatform shared) throws Exception {
		api = shared.api();
		gateway = shared.launcher().url("KIM_GATEWAY_PORT");
		profiles = Files.createTempDirectory("kim-console-chromium");
		Files.createDirectories(SCREENSHOTS);
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
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void operatorsDraftApproveAndWatchDeliveryAndAnAgencySeesOnlyItsKabupaten() throws Exception {
		browser = newBrowser();
		try {
			walkThrough();
		}
		catch (AssertionError | RuntimeException ex) {
			// what the browser showed when it failed, beside the steps' screenshots
			screenshot("gagal");
			Files.writeString(SCREENSHOTS.resolve("gagal.html"),
					browser.getCurrentUrl() + "\n" + browser.getPageSource());
			throw ex;
		}
	}

	private void walkThrough() throws Exception {
		String title = "Waspada banjir Menteng " + UUID.randomUUID().toString().substring(0, 8);

		// operator-1 composes and submits
		signIn("operator-1");
		screenshot("01-beranda-operator");
		browser.get(gateway + "/console/siaran/baru");
		browser.findElement(By.id("judul")).sendKeys(title);
		browser.findElement(By.id("pesan"))
			.sendKeys("Air Sungai Kahayan naik. Siapkan barang berharga dan pantau info RT.");
		waitFor().until(ExpectedConditions.textToBe(By.id("jumlah-segmen"), "1"));
		browser.findElement(By.id("kab-62.71")).click();
		browser.findElement(By.id("kelompok")).sendKeys(groupId);
		// the estimate follows each change: three members of the group, all by SMS
		browser.findElement(By.id("jadwal")).click();
		waitFor().until(ExpectedConditions.textToBe(By.id("jumlah-penerima"), "3"));
		checkAccessibility("composer");
		screenshot("02-tulis-siaran");
		browser.manage().window().setSize(new Dimension(360, 800));
		screenshot("02b-tulis-siaran-360px");
		assertThat(horizontalOverflow()).as("the composer fits a 360 px screen").isFalse();
		browser.manage().window().setSize(new Dimension(1280, 900));
		browser.findElement(By.id("ajukan")).click();
		waitFor().until(ExpectedConditions.textToBe(By.id("status-siaran"), "Menunggu persetujuan"));
		String broadcastId = lastPathSegment(browser.getCurrentUrl());
		screenshot("03-diajukan");
		// four eyes: the author gets no approve button
		browser.get(gateway + "/console/persetujuan/" + broadcastId);
		assertThat(browser.findElements(By.id("setujui"))).isEmpty();
		assertThat(browser.findElement(By.id("bukan-penyetuju")).getText()).contains("operator lain");
		signOut();

		// operator-2 approves from the queue
		signIn("operator-2");
		browser.get(gateway + "/console/persetujuan");
		checkAccessibility("approval queue");
		browser.findElement(By.linkText(title)).click();
		waitFor().until(ExpectedConditions.textToBe(By.id("jumlah-penerima"), "3"));
		assertThat(browser.findElement(By.cssSelector(".message")).getText()).contains("Sungai Kahayan");
		checkAccessibility("approval");
		screenshot("04-tinjau-persetujuan");
		browser.findElement(By.id("setujui")).click();

		// the live page follows delivery until the broadcast is COMPLETED (the sandbox
		// gives no delivery reports here, so each SENT is final)
		waitFor().until(ExpectedConditions.urlContains("/langsung"));
		checkAccessibility("live delivery");
		new WebDriverWait(browser, DELIVERY).ignoring(StaleElementReferenceException.class)
			.until((driver) -> "3".equals(text(By.id("total-penerima"))) && "3".equals(text(By.id("terproses")))
					&& "COMPLETED".equals(browser.findElement(By.id("status-kirim")).getAttribute("data-status")));
		assertThat(text(By.id("gagal"))).isEqualTo("0");
		screenshot("05-pengiriman-langsung");
		signOut();

		// agency-6203 sees its own kabupaten only
		signIn("agency-6203");
		assertThat(browser.findElement(By.tagName("h1")).getText()).contains("62.03");
		assertThat(browser.getPageSource()).doesNotContain(groupName).doesNotContain(title);
		checkAccessibility("agency home");
		screenshot("06-beranda-dinas-6203");
		browser.get(gateway + "/console/kelompok");
		assertThat(browser.getPageSource()).doesNotContain(groupName).doesNotContain("62.71");
		browser.get(gateway + "/console/siaran");
		assertThat(browser.getPageSource()).doesNotContain(title);
		browser.get(gateway + "/console/siaran/" + broadcastId);
		assertThat(browser.findElement(By.cssSelector(".problem")).getText()).contains("Data tidak ditemukan");
		assertThat(browser.getPageSource()).doesNotContain(title).doesNotContain("Exception");
		screenshot("07-dinas-6203-tanpa-akses");
		browser.get(gateway + "/console/kelompok/" + groupId);
		assertThat(browser.getPageSource()).doesNotContain(groupName).doesNotContain("+62");
	}

	private static void signIn(String user) {
		browser.get(gateway + "/console/");
		waitFor().until(ExpectedConditions.elementToBeClickable(By.id("masuk"))).click();
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
		browser.findElement(By.id("password")).sendKeys("kim-demo");
		browser.findElement(By.id("kirim")).click();
		waitFor().until(ExpectedConditions.textToBe(By.id("pengguna"), user));
		assertThat(browser.getCurrentUrl()).startsWith(gateway + "/console");
	}

	private static void signOut() {
		browser.findElement(By.id("keluar")).click();
		// signed out at the issuer too: the next sign-in asks for a password again
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("masuk")));
		assertThat(browser.getCurrentUrl()).contains("/console/masuk");
	}

	private static void checkAccessibility(String page) {
		Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
			.analyze(browser);
		List<String> serious = results.getViolations()
			.stream()
			.filter((rule) -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
			.map(ConsoleBrowserIT::describe)
			.toList();
		assertThat(serious).as("serious accessibility violations on the %s page", page).isEmpty();
	}

	private static String describe(Rule rule) {
		return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
				+ rule.getNodes().stream().map((node) -> String.valueOf(node.getTarget())).toList();
	}

	private static boolean horizontalOverflow() {
		Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1;");
		return Boolean.TRUE.equals(overflow);
	}

	/**
	 * The text of an element, read again when the live page re-rendered it between
	 * finding and reading (the delivery page replaces its counters on every event).
	 */
	private static String text(By locator) {
		for (int attempt = 1;; attempt++) {
			try {
				List<WebElement> found = browser.findElements(locator);
				return found.isEmpty() ? null : found.get(0).getText().strip();
			}
			catch (StaleElementReferenceException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
	}

	private static WebDriverWait waitFor() {
		return new WebDriverWait(browser, Duration.ofSeconds(30));
	}

	private static void screenshot(String name) throws IOException {
		Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

	private static String lastPathSegment(String url) {
		String path = url.replaceAll("[?#].*$", "");
		return path.substring(path.lastIndexOf('/') + 1);
	}

	/**
	 * Debian's Chromium and its chromedriver, headless, with a profile of its own and no
	 * network use beyond the platform; the driver path is set so Selenium Manager never
	 * looks for (or downloads) one.
	 */
	private static WebDriver newBrowser() throws IOException {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getProperty("kim.chromium", "/usr/bin/chromium"));
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,900", "--lang=id-ID",
				"--user-data-dir=" + Files.createTempDirectory(profiles, "profile"));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(Path.of(System.getProperty("kim.chromedriver", "/usr/bin/chromedriver")).toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
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
