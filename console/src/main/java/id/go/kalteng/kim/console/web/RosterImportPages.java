package id.go.kalteng.kim.console.web;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import id.go.kalteng.kim.console.api.AccessTokens;
import id.go.kalteng.kim.console.api.ApiProblem;
import id.go.kalteng.kim.console.api.GatewayApi;
import id.go.kalteng.kim.console.api.GatewayApi.RosterTotals;
import id.go.kalteng.kim.console.api.Views.Group;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A CSV roster uploaded from the group page, with each row's answer shown as the API
 * streams it. The upload is kept in the user's session under a random id (no personal
 * data in the URL) and sent to the API once, when the import page opens its event stream:
 * the console reads the API's streamed answer row by row and sends each row as the HTML
 * to append, then the totals. A stream opened again (a reconnecting browser) finds the
 * upload gone and says so; a repeat would be harmless anyway (one Idempotency-Key per
 * upload).
 */
@Controller
class RosterImportPages {

	private static final Logger log = LoggerFactory.getLogger(RosterImportPages.class);

	/** The largest roster taken, in bytes (some 15,000 rows). */
	static final long MAX_BYTES = 1024 * 1024;

	private static final String SESSION_PREFIX = "kim.console.roster.";

	private final GatewayApi api;

	private final AccessTokens tokens;

	private final TemplateEngine templates;

	private final Executor followers;

	RosterImportPages(GatewayApi api, AccessTokens tokens, TemplateEngine templates,
			@Qualifier("liveFollowers") Executor followers) {
		this.api = api;
		this.tokens = tokens;
		this.templates = templates;
		this.followers = followers;
	}

	/**
	 * An uploaded roster waiting for its import page.
	 *
	 * @param groupId the group it is for
	 * @param fileName the file's name as the browser gave it
	 * @param csv the file
	 * @param idempotencyKey one per upload
	 */
	record Upload(String groupId, String fileName, byte[] csv, String idempotencyKey) implements Serializable {

	}

	@PostMapping("/kelompok/{id}/impor")
	String upload(@PathVariable String id, @RequestParam(name = "file", required = false) MultipartFile file,
			HttpSession session, RedirectAttributes redirect) throws IOException {
		if (file == null || file.isEmpty()) {
			redirect.addFlashAttribute("formError", "Pilih berkas CSV daftar anggota terlebih dahulu.");
			return "redirect:/kelompok/" + id + "#impor";
		}
		if (file.getSize() > MAX_BYTES) {
			redirect.addFlashAttribute("formError",
					"Berkas terlalu besar (paling besar 1 MB). Bagi daftar anggota menjadi beberapa berkas.");
			return "redirect:/kelompok/" + id + "#impor";
		}
		// a group the user may not see is refused now (404, in words), not after the
		// upload
		this.api.group(id);
		String importId = UUID.randomUUID().toString();
		session.setAttribute(SESSION_PREFIX + importId,
				new Upload(id, fileName(file.getOriginalFilename()), file.getBytes(), UUID.randomUUID().toString()));
		return "redirect:/kelompok/" + id + "/impor/" + importId;
	}

	@GetMapping("/kelompok/{id}/impor/{importId}")
	String page(@PathVariable String id, @PathVariable String importId, HttpSession session, Model model) {
		Group group = this.api.group(id);
		Object upload = session.getAttribute(SESSION_PREFIX + importId);
		model.addAttribute("group", group);
		model.addAttribute("importId", importId);
		model.addAttribute("fileName", (upload instanceof Upload u) ? u.fileName() : null);
		model.addAttribute("pending", upload instanceof Upload u && u.groupId().equals(id));
		return "roster-import";
	}

	@GetMapping(path = "/kelompok/{id}/impor/{importId}/aliran", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(@PathVariable String id, @PathVariable String importId, HttpSession session) {
		String token = this.tokens.current();
		// once: the upload leaves the session as its import starts
		Object kept = session.getAttribute(SESSION_PREFIX + importId);
		session.removeAttribute(SESSION_PREFIX + importId);
		SseEmitter emitter = new SseEmitter(0L);
		AtomicBoolean gone = new AtomicBoolean();
		emitter.onCompletion(() -> gone.set(true));
		emitter.onTimeout(() -> gone.set(true));
		emitter.onError((ex) -> gone.set(true));
		if (!(kept instanceof Upload upload) || !upload.groupId().equals(id)) {
			send(emitter, gone, "summary", summary(null, null,
					"Unggahan ini sudah diproses atau tidak ada lagi. Unggah berkasnya lagi dari halaman kelompok.",
					id));
			send(emitter, gone, "done", "");
			emitter.complete();
			return emitter;
		}
		this.followers.execute(() -> follow(emitter, gone, token, upload));
		return emitter;
	}

	private void follow(SseEmitter emitter, AtomicBoolean gone, String token, Upload upload) {
		AtomicInteger accepted = new AtomicInteger();
		AtomicInteger rejected = new AtomicInteger();
		try {
			RosterTotals totals = this.api.importRoster(token, upload.groupId(), upload.csv(), upload.idempotencyKey(),
					(row) -> {
						boolean ok = "ACCEPTED".equals(row.path("status").asString(""));
						(ok ? accepted : rejected).incrementAndGet();
						send(emitter, gone, "row", row(row, ok));
					});
			send(emitter, gone, "summary", summary(totals, null, null, upload.groupId()));
		}
		catch (ApiProblem problem) {
			send(emitter, gone, "summary", summary(null, problem, null, upload.groupId()));
		}
		catch (IOException | RuntimeException ex) {
			log.info("Roster import into {} broke off: {}", upload.groupId(), ex.toString());
			send(emitter, gone, "summary",
					summary(new RosterTotals(accepted.get(), rejected.get()), null,
							"Jawaban layanan terputus sebelum selesai. Baris yang belum tampil mungkin belum diproses: "
									+ "periksa daftar anggota, lalu unggah lagi berkas yang sama bila perlu "
									+ "(baris yang sudah diterima tidak akan berganda).",
							upload.groupId()));
		}
		send(emitter, gone, "done", "");
		emitter.complete();
	}

	private String row(JsonNode row, boolean ok) {
		Context context = new Context();
		context.setVariable("line", row.path("row").asLong());
		context.setVariable("accepted", ok);
		context.setVariable("reasons", ok ? List.of() : RowReasons.of(row));
		return oneLine(this.templates.process("roster-import", Set.of("row"), context));
	}

	private String summary(RosterTotals totals, ApiProblem problem, String note, String groupId) {
		Context context = new Context();
		context.setVariable("totals", totals);
		context.setVariable("problem", problem);
		context.setVariable("note", note);
		return oneLine(this.templates.process("roster-import", Set.of("summary"), context));
	}

	/** One line: an SSE data field ends at a line break. */
	private static String oneLine(String html) {
		return html.replace('\n', ' ').replace('\r', ' ');
	}

	private static void send(SseEmitter emitter, AtomicBoolean gone, String event, String html) {
		if (gone.get()) {
			return;
		}
		try {
			emitter.send(SseEmitter.event().name(event).data(html));
		}
		catch (IOException | IllegalStateException ex) {
			gone.set(true);
		}
	}

	/** The file's own name, without a path some browsers send. */
	private static String fileName(String original) {
		if (original == null || original.isBlank()) {
			return "daftar-anggota.csv";
		}
		String name = original.replace('\\', '/');
		return name.substring(name.lastIndexOf('/') + 1);
	}

	/**
	 * Why the API refused a row, in Bahasa Indonesia where the rule or field is known.
	 */
	static final class RowReasons {

		private static final Map<String, String> RULES = Map.of("duplicate-phone",
				"Nomor HP ini sudah terdaftar di kelompok ini.", "officer-taken",
				"Jabatan ini sudah dipegang anggota lain (satu Ketua, Sekretaris dan Bendahara per kelompok).",
				"group-full", "Kelompok sudah penuh (paling banyak 30 anggota).", "group-dissolved",
				"Kelompok sudah dibubarkan.", "malformed-csv",
				"Berkas tidak dapat dibaca mulai baris ini (tanda kutip tidak tertutup?); sisa berkas tidak diproses.");

		private static final Map<String, String> FIELDS = Map.of("nama",
				"Nama wajib diisi, paling banyak 120 karakter.", "no_hp",
				"Nomor HP harus nomor seluler Indonesia, mis. 0812-3456-7890.", "jenis_kelamin",
				"Jenis kelamin harus L/P, PRIA atau WANITA.", "kelompok_usia",
				"Kelompok usia harus REMAJA, DEWASA atau LANSIA.", "jabatan",
				"Jabatan harus KETUA, SEKRETARIS, BENDAHARA atau ANGGOTA.");

		private RowReasons() {
		}

		static List<String> of(JsonNode row) {
			List<String> reasons = new ArrayList<>();
			String rule = row.path("rule").asString(null);
			if (rule != null && RULES.containsKey(rule)) {
				reasons.add(RULES.get(rule));
				return reasons;
			}
			for (JsonNode error : row.path("errors")) {
				String field = error.path("field").asString("");
				String message = error.path("message").asString("");
				reasons.add(FIELDS.getOrDefault(field, field.isEmpty() ? message : field + ": " + message));
			}
			if (reasons.isEmpty()) {
				reasons.add("Ditolak oleh layanan" + ((rule != null) ? " (" + rule + ")." : "."));
			}
			return reasons;
		}

	}

}
