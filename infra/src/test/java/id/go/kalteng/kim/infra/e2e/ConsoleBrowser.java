package id.go.kalteng.kim.infra.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in headless Chromium for a browser test: Debian's {@code chromium} and
 * {@code chromium-driver} (the driver path is set, Selenium Manager never downloads one),
 * sign-in and sign-out through the issuer's form, axe-core (no serious or critical
 * violation of WCAG 2.1 A/AA), screenshots under {@code target/console-screenshots}: the
 * steps every console browser test uses, in one place.
 */
final class ConsoleBrowser implements AutoCloseable {

	static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	private final WebDriver browser;

	private final String gateway;

	ConsoleBrowser(String gateway) throws IOException {
		this.gateway = gateway;
		Files.createDirectories(SCREENSHOTS);
		Path profiles = Files.createTempDirectory("kim-console-chromium");
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
		this.browser = new ChromeDriver(service, options);
	}

	WebDriver driver() {
		return this.browser;
	}

	/** Opens a console page, e.g. {@code /kegiatan}. */
	void open(String consolePath) {
		this.browser.get(this.gateway + "/console" + consolePath);
	}

	void signIn(String user) {
		open("/");
		waitFor().until(ExpectedConditions.elementToBeClickable(By.id("masuk"))).click();
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
		this.browser.findElement(By.id("password")).sendKeys("kim-demo");
		this.browser.findElement(By.id("kirim")).click();
		waitFor().until(ExpectedConditions.textToBe(By.id("pengguna"), user));
		assertThat(this.browser.getCurrentUrl()).startsWith(this.gateway + "/console");
	}

	void signOut() {
		this.browser.findElement(By.id("keluar")).click();
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("masuk")));
		assertThat(this.browser.getCurrentUrl()).contains("/console/masuk");
	}

	void checkAccessibility(String page) {
		Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
			.analyze(this.browser);
		List<String> serious = results.getViolations()
			.stream()
			.filter((rule) -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
			.map(ConsoleBrowser::describe)
			.toList();
		assertThat(serious).as("serious accessibility violations on the %s page", page).isEmpty();
	}

	private static String describe(Rule rule) {
		return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
				+ rule.getNodes().stream().map((node) -> String.valueOf(node.getTarget())).toList();
	}

	boolean horizontalOverflow() {
		Object overflow = ((JavascriptExecutor) this.browser)
			.executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1;");
		return Boolean.TRUE.equals(overflow);
	}

	/** Sets an input's value as a picker would (e.g. {@code datetime-local}). */
	void setValue(By locator, String value) {
		WebElement input = this.browser.findElement(locator);
		((JavascriptExecutor) this.browser).executeScript(
				"arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
				input, value);
	}

	/** The text of an element, read again when an htmx swap replaced it meanwhile. */
	String text(By locator) {
		for (int attempt = 1;; attempt++) {
			try {
				List<WebElement> found = this.browser.findElements(locator);
				return found.isEmpty() ? null : found.get(0).getText().strip();
			}
			catch (StaleElementReferenceException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
	}

	WebDriverWait waitFor() {
		return waitFor(Duration.ofSeconds(30));
	}

	WebDriverWait waitFor(Duration timeout) {
		WebDriverWait wait = new WebDriverWait(this.browser, timeout);
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	void screenshot(String name) throws IOException {
		Path shot = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

	/** What the browser showed when a test failed, beside the steps' screenshots. */
	void keepFailure(String name) throws IOException {
		screenshot(name);
		Files.writeString(SCREENSHOTS.resolve(name + ".html"),
				this.browser.getCurrentUrl() + "\n" + this.browser.getPageSource());
	}

	@Override
	public void close() {
		this.browser.quit();
	}

}
