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
 * The console in headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}), for the browser tests: sign in and out as a demo user,
 * axe-core on a page (no serious or critical violation), screenshots under
 * {@code target/console-screenshots}, the 360 px check. The same steps as
 * {@link ConsoleBrowserIT}'s own helpers, shared for the console's other browser tests.
 */
final class ConsoleBrowser implements AutoCloseable {

	static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	private final WebDriver driver;

	private final String gateway;

	private ConsoleBrowser(WebDriver driver, String gateway) {
		this.driver = driver;
		this.gateway = gateway;
	}

	/**
	 * Debian's Chromium and its chromedriver, headless, with a profile of its own and no
	 * network use beyond the platform; the driver path is set so Selenium Manager never
	 * looks for (or downloads) one.
	 */
	static ConsoleBrowser open(String gateway) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(System.getProperty("kim.chromium", "/usr/bin/chromium"));
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1280,900", "--lang=id-ID",
				"--user-data-dir=" + Files.createTempDirectory("kim-console-chromium"));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(Path.of(System.getProperty("kim.chromedriver", "/usr/bin/chromedriver")).toFile())
			.usingAnyFreePort()
			.build();
		return new ConsoleBrowser(new ChromeDriver(service, options), gateway);
	}

	WebDriver driver() {
		return this.driver;
	}

	/** Opens a console page by its path below {@code /console}. */
	void go(String path) {
		this.driver.get(this.gateway + "/console" + path);
	}

	void signIn(String user) {
		go("/");
		waitFor().until(ExpectedConditions.elementToBeClickable(By.id("masuk"))).click();
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
		this.driver.findElement(By.id("password")).sendKeys("kim-demo");
		this.driver.findElement(By.id("kirim")).click();
		waitFor().until(ExpectedConditions.textToBe(By.id("pengguna"), user));
		assertThat(this.driver.getCurrentUrl()).startsWith(this.gateway + "/console");
	}

	void signOut() {
		this.driver.findElement(By.id("keluar")).click();
		// signed out at the issuer too: the next sign-in asks for a password again
		waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("masuk")));
		assertThat(this.driver.getCurrentUrl()).contains("/console/masuk");
	}

	void checkAccessibility(String page) {
		Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
			.analyze(this.driver);
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

	/** Whether the page is wider than the window (it must not be, down to 360 px). */
	boolean horizontalOverflow() {
		Object overflow = ((JavascriptExecutor) this.driver)
			.executeScript("return document.documentElement.scrollWidth > window.innerWidth + 1;");
		return Boolean.TRUE.equals(overflow);
	}

	/**
	 * The text of an element, read again when the page re-rendered it between finding and
	 * reading; {@code null} when there is none.
	 */
	String text(By locator) {
		for (int attempt = 1;; attempt++) {
			try {
				List<WebElement> found = this.driver.findElements(locator);
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
		return new WebDriverWait(this.driver, Duration.ofSeconds(30));
	}

	void screenshot(String name) throws IOException {
		Path shot = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

	/** The page as it was, beside the screenshots, when a step failed. */
	void keepFailure(String name) throws IOException {
		screenshot(name);
		Files.writeString(SCREENSHOTS.resolve(name + ".html"),
				this.driver.getCurrentUrl() + "\n" + this.driver.getPageSource());
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
