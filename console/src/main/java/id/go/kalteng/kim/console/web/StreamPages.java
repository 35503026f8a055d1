package id.go.kalteng.kim.console.web;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

import id.go.kalteng.kim.console.ConsoleProperties;
import id.go.kalteng.kim.console.api.AccessTokens;
import id.go.kalteng.kim.console.api.ActivityApi;
import id.go.kalteng.kim.console.api.ActivityViews.Subscription;
import id.go.kalteng.kim.console.api.ApiProblem;
import id.go.kalteng.kim.console.api.GatewayApi;
import id.go.kalteng.kim.console.live.EventFeed;
import id.go.kalteng.kim.console.security.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An agency's (and the operators') event-stream and webhook subscriptions at
 * stream-service: the webhook subscriptions with the signing secret shown once, as the
 * API answers the creation; deleting one; and the live event stream of the kabupaten,
 * relayed by the console with the user's token ({@link EventFeed}) like the live delivery
 * page.
 */
@Controller
class StreamPages {

	private static final Logger log = LoggerFactory.getLogger(StreamPages.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Events one browser stream relays at most; the page says to reload after them. */
	static final int EVENTS_PER_STREAM = 500;

	private final ActivityApi activities;

	private final GatewayApi api;

	private final AccessTokens tokens;

	private final EventFeed feed;

	private final TemplateEngine templates;

	private final Executor followers;

	private final ConsoleProperties properties;

	private final ActivityLabels labels;

	StreamPages(ActivityApi activities, GatewayApi api, AccessTokens tokens, EventFeed feed, TemplateEngine templates,
			@Qualifier("liveFollowers") Executor followers, ConsoleProperties properties, ActivityLabels labels) {
		this.activities = activities;
		this.api = api;
		this.tokens = tokens;
		this.feed = feed;
		this.templates = templates;
		this.followers = followers;
		this.properties = properties;
		this.labels = labels;
	}

	// ---- webhook subscriptions
	// -------------------------------------------------------------

	@GetMapping("/langganan")
	String subscriptions(@ModelAttribute("user") ConsoleUser user, Model model) {
		model.addAttribute("subscriptions", this.activities.subscriptions());
		model.addAttribute("kabupatenList", user.isOperator() ? this.api.kabupaten() : List.of());
		if (!model.containsAttribute("chosenTypes")) {
			model.addAttribute("chosenTypes", List.of());
		}
		return "subscriptions";
	}

	/**
	 * Creates a webhook subscription and shows its signing secret in this answer only: it
	 * is not kept by the console, not put in a redirect or the session, and the API never
	 * shows it again.
	 */
	@PostMapping("/langganan")
	String subscribe(@ModelAttribute("user") ConsoleUser user, @RequestParam(required = false) String url,
			@RequestParam(name = "types", required = false) List<String> types,
			@RequestParam(required = false) String kabupaten, Model model, HttpServletResponse response) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("url", (url != null) ? url.strip() : null);
		body.put("types", (types != null) ? types : List.of());
		if (user.isOperator()) {
			body.put("kabupaten", GroupPages.blankToNull(kabupaten));
		}
		try {
			Subscription created = this.activities.subscribe(body);
			response.setHeader("Cache-Control", "no-store");
			model.addAttribute("created", created);
			model.addAttribute("notice", "Langganan webhook dibuat.");
		}
		catch (ApiProblem problem) {
			if (problem.status() == 401) {
				throw problem;
			}
			model.addAttribute("problem", problem);
			model.addAttribute("url", url);
			model.addAttribute("chosenTypes", (types != null) ? types : List.of());
			model.addAttribute("chosenKabupaten", kabupaten);
		}
		return subscriptions(user, model);
	}

	@PostMapping("/langganan/{id}/hapus")
	String unsubscribe(@PathVariable String id, RedirectAttributes redirect) {
		try {
			this.activities.unsubscribe(id);
			redirect.addFlashAttribute("notice", "Langganan dihapus: tidak ada lagi yang dikirim ke alamat itu.");
		}
		catch (ApiProblem problem) {
			if (problem.status() == 401) {
				throw problem;
			}
			redirect.addFlashAttribute("problem", problem);
		}
		return "redirect:/langganan";
	}

	// ---- the live event stream
	// -------------------------------------------------------------

	@GetMapping("/aliran")
	String stream(@ModelAttribute("user") ConsoleUser user, @RequestParam(required = false) String dari,
			@RequestParam(required = false) String kabupaten, Model model) {
		boolean fromOldest = "awal".equals(dari);
		String scope = user.isOperator() ? GroupPages.blankToNull(kabupaten) : null;
		model.addAttribute("fromOldest", fromOldest);
		model.addAttribute("selectedKabupaten", user.isAgency() ? user.kabupaten() : scope);
		model.addAttribute("kabupatenList", user.isOperator() ? this.api.kabupaten() : List.of());
		model.addAttribute("maxEvents", EVENTS_PER_STREAM);
		return "event-stream";
	}

	@GetMapping(path = "/aliran/peristiwa", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@ModelAttribute("user") ConsoleUser user, @RequestParam(required = false) String dari,
			@RequestParam(required = false) String kabupaten) {
		String token = this.tokens.current();
		boolean fromOldest = "awal".equals(dari);
		String scope = user.isOperator() ? GroupPages.blankToNull(kabupaten) : null;
		Duration lifetime = this.properties.liveTimeout();
		LiveRelay relay = new LiveRelay(lifetime);
		this.followers.execute(() -> {
			try {
				this.feed.follow(scope, fromOldest, token, relay::gone, lifetime, EVENTS_PER_STREAM,
						(event) -> relay.send("peristiwa", render("event", Map.of("e", row(event)))), relay::heartbeat,
						relay::upstream);
				relay.send("status",
						render("status",
								Map.of("message", "Aliran berhenti setelah " + EVENTS_PER_STREAM + " peristiwa atau "
										+ lifetime.toMinutes() + " menit. Muat ulang halaman untuk melanjutkan.")));
				relay.send("selesai", "");
				relay.complete();
			}
			catch (EventFeed.StreamRefused ex) {
				relay.send("status", render("status", Map.of("message", refusal(ex.status()))));
				relay.send("selesai", "");
				relay.complete();
			}
			catch (IOException ex) {
				log.info("Following the event stream failed: {}", ex.getMessage());
				relay.send("status", render("status",
						Map.of("message", "Aliran peristiwa tidak dapat diikuti saat ini. Muat ulang halaman.")));
				relay.send("selesai", "");
				relay.complete();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				relay.complete();
			}
			catch (RuntimeException ex) {
				log.warn("Following the event stream stopped", ex);
				relay.complete();
			}
		});
		return relay.emitter();
	}

	static String refusal(int status) {
		return new ApiProblem(status, null, null, List.of()).message();
	}

	/** One event as its row shows it: what, when (WIB), where, and its redacted data. */
	Map<String, Object> row(EventFeed.Event event) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("label", this.labels.event(event.type()));
		row.put("type", event.type());
		row.put("kabupaten", event.kabupaten());
		row.put("position", event.position());
		String when = "";
		if (event.time() != null) {
			try {
				when = new Labels().time(OffsetDateTime.parse(event.time()));
			}
			catch (DateTimeParseException ex) {
				when = event.time();
			}
		}
		row.put("time", when);
		String data = JSON.writeValueAsString(event.data());
		row.put("data", (data.length() > 400) ? data.substring(0, 400) + "…" : data);
		return row;
	}

	private String render(String fragment, Map<String, Object> variables) {
		Context context = new Context();
		variables.forEach(context::setVariable);
		// one line: an SSE data field ends at a line break
		return this.templates.process("event-stream", Set.of(fragment), context).replace('\n', ' ').replace('\r', ' ');
	}

}
