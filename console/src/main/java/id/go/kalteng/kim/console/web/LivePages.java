package id.go.kalteng.kim.console.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

import id.go.kalteng.kim.console.ConsoleProperties;
import id.go.kalteng.kim.console.api.AccessTokens;
import id.go.kalteng.kim.console.api.GatewayApi;
import id.go.kalteng.kim.console.api.Progress;
import id.go.kalteng.kim.console.api.Views.Broadcast;
import id.go.kalteng.kim.console.api.Views.Notification;
import id.go.kalteng.kim.console.api.Views.Versioned;
import id.go.kalteng.kim.console.live.ProgressFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A broadcast's delivery, live: the page subscribes to the console's own event stream (no
 * token in the browser); the console follows the API's progress for it
 * ({@link ProgressFeed}) and sends each state as the HTML to show, until the broadcast
 * reaches a final status. Cancel in flight from the same page.
 */
@Controller
class LivePages {

	private static final Logger log = LoggerFactory.getLogger(LivePages.class);

	static final int FAILURES_SHOWN = 50;

	private final GatewayApi api;

	private final AccessTokens tokens;

	private final ProgressFeed feed;

	private final TemplateEngine templates;

	private final Executor followers;

	private final ConsoleProperties properties;

	private final BroadcastPages broadcasts;

	private final Labels labels;

	LivePages(GatewayApi api, AccessTokens tokens, ProgressFeed feed, TemplateEngine templates,
			@Qualifier("liveFollowers") Executor followers, ConsoleProperties properties, BroadcastPages broadcasts,
			Labels labels) {
		this.labels = labels;
		this.api = api;
		this.tokens = tokens;
		this.feed = feed;
		this.templates = templates;
		this.followers = followers;
		this.properties = properties;
		this.broadcasts = broadcasts;
	}

	@GetMapping("/siaran/{id}/langsung")
	String live(@PathVariable String id, Model model) {
		Versioned<Broadcast> broadcast = this.api.broadcast(id);
		model.addAttribute("broadcast", broadcast.body());
		model.addAttribute("etag", broadcast.etag());
		Progress progress = this.api.progress(id);
		model.addAttribute("progress", progress);
		model.addAttribute("statusLabel", this.labels.status(progress.status()));
		return "live";
	}

	/** htmx, once the stream says the broadcast is final: the actions left. */
	@GetMapping("/siaran/{id}/langsung/tindakan")
	String actions(@PathVariable String id, Model model) {
		Versioned<Broadcast> broadcast = this.api.broadcast(id);
		model.addAttribute("broadcast", broadcast.body());
		model.addAttribute("etag", broadcast.etag());
		return "live :: actions";
	}

	/**
	 * htmx, on the live page and once delivery is final: the failed messages with the
	 * provider's reasons (phones masked: the reason matters here, not the person).
	 */
	@GetMapping("/siaran/{id}/langsung/gagal")
	String failures(@PathVariable String id, Model model) {
		model.addAttribute("failures",
				this.api.notifications(id, "FAILED", FAILURES_SHOWN)
					.items()
					.stream()
					.map((n) -> new Notification(n.id(), GroupPages.mask(n.phone()), n.channel(), n.status(),
							n.reason(), n.attempts(), n.erased()))
					.toList());
		model.addAttribute("broadcastId", id);
		return "live :: failures";
	}

	/**
	 * htmx, on the live page and once delivery is final: what the community answered
	 * (phones masked, the text as written).
	 */
	@GetMapping("/siaran/{id}/langsung/balasan")
	String replies(@PathVariable String id, Model model) {
		List<Map<String, Object>> replies = this.api.replies(id);
		model.addAttribute("repliesAvailable", replies != null);
		model.addAttribute("replies", (replies != null) ? replies.stream().map(LivePages::masked).toList() : List.of());
		model.addAttribute("broadcastId", id);
		return "live :: replies";
	}

	private static Map<String, Object> masked(Map<String, Object> reply) {
		Map<String, Object> copy = new java.util.LinkedHashMap<>(reply);
		// the API names the sender by the first characters of its phone's keyed hash
		// ("sender"); a number, should one ever come, is masked here
		Object phone = copy.remove("phone");
		if (copy.get("sender") == null && phone != null) {
			copy.put("sender", GroupPages.mask(phone.toString()));
		}
		Object text = (copy.get("text") != null) ? copy.get("text") : copy.get("message");
		copy.put("text", (text != null) ? text.toString() : "");
		return copy;
	}

	@GetMapping(path = "/siaran/{id}/langsung/aliran", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(@PathVariable String id) {
		String token = this.tokens.current();
		LiveRelay relay = new LiveRelay(this.properties.liveTimeout());
		this.followers.execute(() -> {
			try {
				this.feed.follow(id, token, relay::gone, this.properties.liveTimeout(), (progress) -> {
					relay.send("progress", render(id, progress, null));
					if (progress.isFinal()) {
						relay.send("done", "");
					}
				}, relay::upstream);
				relay.complete();
			}
			catch (IOException ex) {
				log.info("Following the progress of {} failed: {}", id, ex.getMessage());
				relay.send("progress", render(id, null,
						"Kemajuan tidak dapat diikuti saat ini. Muat ulang halaman untuk mencoba lagi."));
				relay.complete();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				relay.complete();
			}
			catch (RuntimeException ex) {
				log.warn("Following the progress of {} stopped", id, ex);
				relay.complete();
			}
		});
		return relay.emitter();
	}

	@PostMapping("/siaran/{id}/batal")
	String cancel(@PathVariable String id, @RequestParam(required = false) String etag, RedirectAttributes redirect) {
		return this.broadcasts.command(id, "cancel", etag, Map.of(),
				"Pembatalan dikirim: pesan yang belum terkirim tidak akan dikirim.",
				"redirect:/siaran/" + id + "/langsung", redirect);
	}

	private String render(String id, Progress progress, String failure) {
		Context context = new Context();
		context.setVariable("progress", progress);
		context.setVariable("failure", failure);
		context.setVariable("broadcastId", id);
		context.setVariable("statusLabel", (progress != null) ? this.labels.status(progress.status()) : "");
		// one line: an SSE data field ends at a line break
		return this.templates.process("live", Set.of("progress"), context).replace('\n', ' ').replace('\r', ' ');
	}

}
