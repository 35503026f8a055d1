package id.go.kalteng.kim.infra.e2e;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's activity and agency screens in a real browser against the whole platform:
 * operator-1 plans an activity in 62.71 inviting a new group, reschedules it, records
 * attendance per group and per member and the report, and sees it in the calendar and the
 * group move from "not reached" to "reached" in the coverage table; agency-6271 sees the
 * activity on its home page, creates a webhook subscription and sees its signing secret
 * once, follows its own event stream live and deletes the subscription; agency-6203 sees
 * none of 62.71's activity, coverage or subscription. axe-core on each new page;
 * screenshots in {@code target/console-screenshots}.
 */
@ExtendWith(SharedPlatform.Resolver.class)
class ConsoleActivitiesBrowserIT {

	private static final Logger log = LoggerFactory.getLogger(ConsoleActivitiesBrowserIT.class);

	private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	private static final int MEMBERS = 3;

	private static PublicApi api;

	private static String gateway;

	private static String groupId;

	private static String groupName;

	private static ConsoleBrowser browser;

	@BeforeAll
	static void platformAndGroup(SharedPlatform shared) throws Exception {
		api = shared.api();
		gateway = shared.launcher().url("KIM_GATEWAY_PORT");
		String operator = api.token("operator-1");
		groupName = "KIM Uji Kegiatan " + UUID.randomUUID().toString().substring(0, 8);
		Answer group = api.post("/api/groups", operator, Map.of("name", groupName, "kabupaten", "62.71", "kecamatan",
				"Pahandut", "desa", "Langkai", "setting", "PERKOTAAN"));
		assertThat(group.status()).as(group.text()).isEqualTo(201);
		groupId = group.id();
		for (int i = 0; i < MEMBERS; i++) {
			addMember(operator);
		}
		// activity-service learns groups from group events: wait until its coverage
		// counts the new group (not reached yet)
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			Answer coverage = api.get("/api/activities/coverage?kabupaten=62.71", operator);
			assertThat(coverage.status()).as(coverage.text()).isEqualTo(200);
			assertThat(coverage.text()).contains(groupId);
		});
		log.info("activity-service knows group {}", groupId);
	}

	private static void addMember(String token) throws Exception {
		String phone = "0813-5110-" + ThreadLocalRandom.current().nextInt(1000, 10000);
		Answer added = api.post("/api/groups/" + groupId + "/members", token,
				Map.of("name", "Warga Langkai", "phone", phone, "gender", "PRIA", "ageGroup", "DEWASA", "occupation",
						"PETANI", "role", "ANGGOTA", "whatsapp", false));
		assertThat(added.status()).as(added.text()).isEqualTo(201);
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void anOperatorPlansAndReportsAnActivityAndAnAgencyManagesItsSubscriptionsAndSeesOnlyItsKabupaten()
			throws Exception {
		browser = new ConsoleBrowser(gateway);
		try {
			walkThrough();
		}
		catch (AssertionError | RuntimeException ex) {
			browser.keepFailure("kegiatan-gagal");
			throw ex;
		}
	}

	private void walkThrough() throws Exception {
		String title = "Sarasehan Langkai " + UUID.randomUUID().toString().substring(0, 8);
		// started an hour and a half ago (WIB): attendance and the report need a started
		// activity; nobody is invited to one in the past
		LocalDateTime start = LocalDateTime.now(WIB).minusMinutes(90).truncatedTo(ChronoUnit.MINUTES);
		String month = start.toLocalDate().toString().substring(0, 7);

		// operator-1: the coverage before, then plan
		browser.signIn("operator-1");
		browser.open("/kegiatan/cakupan?kabupaten=62.71");
		assertThat(browser.text(By.id("belum-terjangkau"))).contains(groupName);
		browser.checkAccessibility("coverage");
		browser.screenshot("kegiatan-01-cakupan-sebelum");

		browser.open("/kegiatan/baru");
		new Select(browser.driver().findElement(By.id("jenis-kegiatan"))).selectByValue("SARASEHAN");
		browser.driver().findElement(By.id("judul-kegiatan")).sendKeys(title);
		browser.driver().findElement(By.id("penyelenggara")).sendKeys("Diskominfo Kota Palangka Raya");
		new Select(browser.driver().findElement(By.id("kabupaten-kegiatan"))).selectByValue("62.71");
		// htmx loads the kabupaten's groups to invite
		browser.waitFor().until(ExpectedConditions.elementToBeClickable(By.id("undang-" + groupId))).click();
		browser.driver().findElement(By.id("tempat")).sendKeys("Balai Kelurahan Langkai");
		browser.setValue(By.id("mulai"), start.format(LOCAL));
		browser.setValue(By.id("selesai"), start.plusHours(3).format(LOCAL));
		browser.checkAccessibility("activity planning");
		browser.screenshot("kegiatan-02-rencana");
		browser.driver().findElement(By.id("simpan-kegiatan")).click();
		browser.waitFor().until(ExpectedConditions.textToBe(By.id("status-kegiatan"), "Direncanakan"));
		String activityId = lastPathSegment(browser.driver().getCurrentUrl());
		browser.checkAccessibility("activity");

		// reschedule: half an hour later, another place
		browser.setValue(By.id("jadwal-mulai"), start.plusMinutes(30).format(LOCAL));
		WebElement place = browser.driver().findElement(By.id("jadwal-tempat"));
		place.clear();
		place.sendKeys("Aula Kecamatan Pahandut");
		browser.driver().findElement(By.id("simpan-jadwal")).click();
		browser.waitFor().until(ExpectedConditions.textToBe(By.id("status-kegiatan"), "Dijadwalkan ulang"));
		assertThat(browser.text(By.id("tempat-kegiatan"))).isEqualTo("Aula Kecamatan Pahandut");
		browser.screenshot("kegiatan-03-dijadwalkan-ulang");

		// attendance: the group's count, then each member present
		browser.driver().findElement(By.id("jumlah-0")).sendKeys(String.valueOf(MEMBERS));
		browser.driver().findElement(By.id("simpan-kehadiran")).click();
		browser.waitFor()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
					"Kehadiran per kelompok disimpan"));
		recordMembersPresent();
		browser.screenshot("kegiatan-04-kehadiran");

		// the report completes it
		WebElement attendees = browser.driver().findElement(By.id("peserta"));
		attendees.clear();
		attendees.sendKeys(String.valueOf(MEMBERS));
		browser.driver().findElement(By.id("hasil")).sendKeys("Warga sepakat membentuk jadwal ronda informasi banjir.");
		browser.driver().findElement(By.id("ringkasan")).sendKeys("Sarasehan tentang informasi banjir.");
		browser.driver().findElement(By.id("tl-aksi")).sendKeys("Kirim jadwal ronda ke grup KIM");
		browser.driver().findElement(By.id("tl-pj")).sendKeys("Ketua KIM");
		browser.setValue(By.id("tl-tenggat"), start.toLocalDate().plusDays(14).toString());
		browser.driver().findElement(By.id("simpan-laporan")).click();
		browser.waitFor().until(ExpectedConditions.textToBe(By.id("status-kegiatan"), "Selesai"));
		assertThat(browser.text(By.id("laporan"))).contains("jadwal ronda", MEMBERS + " dari " + MEMBERS);
		browser.checkAccessibility("completed activity");
		browser.screenshot("kegiatan-05-laporan");

		// the calendar of 62.71 shows it on its day
		browser.open("/kegiatan?bulan=" + month + "&kabupaten=62.71");
		assertThat(browser.text(By.id("kalender"))).contains(title);
		assertThat(browser.driver().findElement(By.partialLinkText(title)).getAttribute("href")).endsWith(activityId);
		browser.checkAccessibility("calendar");
		browser.screenshot("kegiatan-06-kalender");
		browser.driver().manage().window().setSize(new Dimension(360, 800));
		browser.screenshot("kegiatan-06b-kalender-360px");
		assertThat(browser.horizontalOverflow()).as("the calendar fits a 360 px screen").isFalse();
		browser.driver().manage().window().setSize(new Dimension(1280, 900));

		// the coverage table: the group is reached now
		browser.open("/kegiatan/cakupan?kabupaten=62.71");
		assertThat(browser.text(By.id("terjangkau"))).contains(groupName);
		assertThat(browser.driver()
			.findElements(By.id("belum-terjangkau"))
			.stream()
			.map(WebElement::getText)
			.filter((text) -> text.contains(groupName))).isEmpty();
		browser.screenshot("kegiatan-07-cakupan-sesudah");
		browser.signOut();

		// agency-6271: its home, a webhook with the secret once, its live event stream
		browser.signIn("agency-6271");
		browser.waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("beranda-kegiatan"), title));
		browser.waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("jumlah-webhook")));
		browser.checkAccessibility("agency home");
		browser.screenshot("kegiatan-08-beranda-dinas-6271");

		String hook = "http://localhost:9/kim-uji-" + UUID.randomUUID().toString().substring(0, 8);
		browser.open("/langganan");
		browser.checkAccessibility("subscriptions");
		browser.driver().findElement(By.id("alamat-webhook")).sendKeys(hook);
		browser.driver().findElement(By.id("jenis-kim.activity.activity-planned.v1")).click();
		browser.driver().findElement(By.id("jenis-kim.group.member-joined.v1")).click();
		browser.driver().findElement(By.id("daftarkan-webhook")).click();
		String secret = browser.waitFor()
			.until(ExpectedConditions.presenceOfElementLocated(By.id("rahasia")))
			.getAttribute("value");
		assertThat(secret).startsWith("whsec_");
		assertThat(browser.text(By.id("webhook"))).contains(hook);
		browser.checkAccessibility("subscription created");
		browser.screenshot("kegiatan-09-webhook-kunci-sekali");
		browser.open("/langganan");
		assertThat(browser.driver().getPageSource()).contains(hook).doesNotContain(secret);
		assertThat(browser.driver().findElements(By.id("rahasia"))).isEmpty();

		browser.open("/aliran");
		browser.checkAccessibility("event stream");
		seeOwnEventLive();
		assertThat(browser.text(By.id("peristiwa"))).doesNotContain("+62").doesNotContain("Warga Langkai");
		browser.screenshot("kegiatan-10-aliran-peristiwa");

		browser.open("/langganan");
		browser.driver()
			.findElement(By.xpath("//table[@id='webhook']//tr[td[normalize-space()='" + hook + "']]//button"))
			.click();
		browser.waitFor()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Langganan dihapus"));
		assertThat(browser.driver().getPageSource()).doesNotContain(hook);
		browser.signOut();

		// agency-6203: nothing of 62.71
		browser.signIn("agency-6203");
		browser.open("/kegiatan?bulan=" + month);
		assertThat(browser.text(By.tagName("h1"))).contains("62.03");
		assertThat(browser.driver().getPageSource()).doesNotContain(title);
		browser.checkAccessibility("calendar of 62.03");
		browser.screenshot("kegiatan-11-kalender-dinas-6203");
		browser.open("/kegiatan/" + activityId);
		assertThat(browser.text(By.cssSelector(".problem"))).contains("Data tidak ditemukan");
		assertThat(browser.driver().getPageSource()).doesNotContain(title).doesNotContain("Exception");
		browser.open("/kegiatan/cakupan?kabupaten=62.71");
		assertThat(browser.text(By.tagName("h1"))).contains("62.03");
		assertThat(browser.driver().getPageSource()).doesNotContain(groupName).doesNotContain(groupId);
		browser.open("/");
		browser.waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("jumlah-webhook")));
		assertThat(browser.driver().getPageSource()).doesNotContain(title);
		browser.open("/langganan");
		assertThat(browser.driver().getPageSource()).doesNotContain("62.71");
		browser.screenshot("kegiatan-12-dinas-6203-tanpa-62-71");
	}

	/**
	 * Ticks every member present. activity-service learns members from group events like
	 * groups: a member it does not know yet is refused, so the form is sent again for a
	 * while.
	 */
	private void recordMembersPresent() {
		for (int attempt = 1;; attempt++) {
			List<WebElement> boxes = browser.driver().findElements(By.cssSelector("input[name=hadir]"));
			assertThat(boxes).hasSize(MEMBERS);
			boxes.stream().filter((box) -> !box.isSelected()).forEach(WebElement::click);
			browser.driver().findElement(By.id("simpan-kehadiran-anggota")).click();
			browser.waitFor()
				.until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice")),
						ExpectedConditions.presenceOfElementLocated(By.cssSelector(".problem"))));
			if (browser.driver().findElements(By.cssSelector(".problem")).isEmpty()) {
				assertThat(browser.text(By.cssSelector(".notice"))).contains("Kehadiran anggota disimpan");
				return;
			}
			assertThat(attempt).as(browser.text(By.cssSelector(".problem"))).isLessThan(20);
			sleep(Duration.ofSeconds(1));
		}
	}

	/**
	 * The page follows the agency's stream from now: a member joining the group (added
	 * through the API) appears as it happens. The console's stream may still be
	 * connecting when the first is added, so another joins until one shows.
	 */
	private void seeOwnEventLive() throws Exception {
		String operator = api.token("operator-1");
		By joined = By.cssSelector("#peristiwa tr.event[data-type='kim.group.member-joined.v1']");
		sleep(Duration.ofSeconds(2));
		for (int attempt = 1;; attempt++) {
			addMember(operator);
			try {
				browser.waitFor(Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(joined));
				assertThat(browser.text(joined)).contains("Anggota bergabung").contains("62.71").contains(groupId);
				return;
			}
			catch (TimeoutException ex) {
				if (attempt == 4) {
					throw ex;
				}
				log.info("No member-joined event on the stream page yet (attempt {})", attempt);
			}
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String lastPathSegment(String url) {
		String path = url.replaceAll("[?#].*$", "");
		return path.substring(path.lastIndexOf('/') + 1);
	}

}
