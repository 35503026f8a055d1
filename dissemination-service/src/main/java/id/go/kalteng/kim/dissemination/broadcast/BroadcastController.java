package id.go.kalteng.kim.dissemination.broadcast;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import id.go.kalteng.kim.contracts.dissemination.BroadcastTarget;
import id.go.kalteng.kim.contracts.notification.NotificationRequestedEvent.WhatsAppTemplate;
import id.go.kalteng.kim.support.domain.IdempotencyKeys;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.web.ETags;
import id.go.kalteng.kim.support.web.KabupatenCode;
import id.go.kalteng.kim.support.web.PageNumber;
import id.go.kalteng.kim.support.web.PageSize;
import id.go.kalteng.kim.support.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/broadcasts")
@Tag(name = "Broadcasts",
		description = "Messages to the members of targeted groups: draft, submit, approve (four eyes), send, progress")
class BroadcastController {

	private final BroadcastService broadcasts;

	private final BroadcastTimers timers;

	private final ProgressStreams streams;

	BroadcastController(BroadcastService broadcasts, BroadcastTimers timers, ProgressStreams streams) {
		this.broadcasts = broadcasts;
		this.timers = timers;
		this.streams = streams;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "draftBroadcast", summary = "Draft a broadcast",
			description = "Idempotency-Key makes a retry answer the same broadcast; the answer carries its ETag.")
	ResponseEntity<BroadcastView> create(KimPrincipal principal,
			@RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody CreateBroadcastRequest request) {
		Broadcast broadcast = this.broadcasts.create(principal, idempotencyKey,
				new Broadcast.Content(request.title(), request.message(), request.channels(), request.priority(),
						TargetRequest.toTarget(request.target()),
						WhatsAppTemplateRequest.toTemplate(request.whatsappTemplate()), instant(request.scheduledAt()),
						instant(request.expiresAt())));
		return ResponseEntity.created(URI.create("/api/broadcasts/" + broadcast.getId()))
			.eTag(ETags.of(broadcast.getVersion()))
			.body(BroadcastView.of(broadcast));
	}

	@GetMapping
	@Operation(operationId = "listBroadcasts", summary = "List broadcasts")
	PageView<BroadcastView> list(KimPrincipal principal, @RequestParam(required = false) BroadcastStatus status,
			@RequestParam(required = false) @KabupatenCode String kabupaten, @PageNumber int page, @PageSize int size) {
		return this.broadcasts.list(principal, status, kabupaten, page, size).map(BroadcastView::of);
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getBroadcast", summary = "Get a broadcast",
			description = "The answer carries the ETag to send as If-Match with a change.")
	ResponseEntity<BroadcastView> get(KimPrincipal principal, @PathVariable String id) {
		return withETag(this.broadcasts.get(principal, id));
	}

	@PatchMapping("/{id}")
	@Operation(operationId = "editBroadcast", summary = "Edit a draft broadcast")
	ResponseEntity<BroadcastView> edit(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody EditBroadcastRequest request) {
		return withETag(this.broadcasts.edit(principal, id, ifMatch,
				new BroadcastService.Patch(request.title(), request.message(), request.channels(), request.priority(),
						TargetRequest.toTarget(request.target()), instant(request.scheduledAt()),
						instant(request.expiresAt()), (request.whatsappTemplate() != null)
								? WhatsAppTemplateRequest.toTemplate(request.whatsappTemplate()) : null)));
	}

	@PostMapping("/{id}/submit")
	@Operation(operationId = "submitBroadcast", summary = "Submit a broadcast for approval")
	ResponseEntity<BroadcastView> submit(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return withETag(this.broadcasts.submit(principal, id, ifMatch));
	}

	@PostMapping("/{id}/approve")
	@Operation(operationId = "approveBroadcast", summary = "Approve a broadcast, which sends it",
			description = "Not by its author. With a scheduledAt in the future it becomes SCHEDULED and starts then.")
	ResponseEntity<BroadcastView> approve(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		Broadcast approved = this.broadcasts.approve(principal, id, ifMatch);
		this.timers.track(approved);
		return withETag(approved);
	}

	@PostMapping("/{id}/reject")
	@Operation(operationId = "rejectBroadcast", summary = "Reject a submitted broadcast")
	ResponseEntity<BroadcastView> reject(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody RejectBroadcastRequest request) {
		return withETag(this.broadcasts.reject(principal, id, ifMatch, request.reason()));
	}

	@PostMapping("/{id}/cancel")
	@Operation(operationId = "cancelBroadcast", summary = "Cancel a broadcast",
			description = "Before approval, or APPROVED, SCHEDULED or SENDING: every message not yet handed to a "
					+ "provider is stopped; progress counts them as cancelled.")
	ResponseEntity<BroadcastView> cancel(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return withETag(this.broadcasts.cancel(principal, id, ifMatch));
	}

	@GetMapping("/{id}/preview")
	@Operation(operationId = "previewBroadcast", summary = "Preview who a broadcast would reach")
	Map<String, Object> preview(KimPrincipal principal, @PathVariable String id) {
		return this.broadcasts.preview(principal, id);
	}

	@GetMapping(path = "/{id}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "getBroadcastProgress", summary = "A broadcast's delivery progress")
	Map<String, Object> progress(KimPrincipal principal, @PathVariable String id) {
		return this.broadcasts.progress(principal, id);
	}

	@GetMapping(path = "/{id}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(operationId = "streamBroadcastProgress", summary = "A broadcast's delivery progress, live",
			description = "Server-Sent Events (event: progress): the counts at once, then on every change "
					+ "(at most every 500 ms) until the broadcast ends; then the stream closes.")
	SseEmitter progressStream(KimPrincipal principal, @PathVariable String id) {
		return this.streams.open(this.broadcasts.get(principal, id));
	}

	private static ResponseEntity<BroadcastView> withETag(Broadcast broadcast) {
		return ResponseEntity.ok().eTag(ETags.of(broadcast.getVersion())).body(BroadcastView.of(broadcast));
	}

	/*
	 * Request sizes are bounded so that every accepted broadcast can be stored and
	 * published (its approval event carries message and target, and must stay far below
	 * the Kafka producer's 1 MB record limit), yet generous for real use: see README.
	 */

	/** 6 concatenated SMS segments of 153 GSM-7 characters. */
	static final int MESSAGE_MAX = 918;

	static final int TITLE_MAX = 120;

	/** Enough to list the KIM groups of several kabupaten by id (about 80 KB). */
	static final int GROUPS_MAX = 2000;

	/** A group id is a UUID (36 characters); room for other id schemes. */
	static final int GROUP_ID_MAX = 64;

	record CreateBroadcastRequest(
			@NotBlank @Size(max = TITLE_MAX) @Schema(example = "Jadwal posyandu Maret") String title,
			@NotBlank @Size(max = MESSAGE_MAX) @Schema(
					example = "Posyandu Desa Bukit Tunggal buka 10 Maret pukul 09.00 di balai desa.") String message,
			@NotEmpty @Size(max = 2, message = "at most {max}: each channel once") @Schema(
					example = "[\"SMS\"]") List<@NotNull Channel> channels,
			@NotNull Priority priority, @Valid TargetRequest target,
			@Valid @Schema(
					description = "an approved WhatsApp template to send the broadcast in outside the 24-hour window; "
							+ "without it the platform's default template carries the message") WhatsAppTemplateRequest whatsappTemplate,
			@Schema(description = "when the fan-out starts (ISO-8601 with offset, in the future); "
					+ "without it: at approval", example = "2026-12-24T07:00:00+07:00") OffsetDateTime scheduledAt,
			@Schema(description = "after this no message is handed to a provider (ISO-8601 with offset)",
					example = "2026-12-24T19:00:00+07:00") OffsetDateTime expiresAt) {

	}

	/**
	 * An approved WhatsApp template and its body variables, passed on to
	 * notification-service with each WhatsApp message of the broadcast.
	 */
	record WhatsAppTemplateRequest(
			@NotBlank @Size(max = 512) @Pattern(regexp = "[a-z0-9_]+",
					message = "lower-case letters, digits and _, as WhatsApp names templates") @Schema(
							example = "kim_peringatan") String name,
			@Size(min = 2, max = 15) @Schema(example = "id", description = "default id") String language,
			@Size(max = 10, message = "at most {max}") @Schema(
					example = "[\"banjir\", \"Palangka Raya\"]") List<@NotNull @Size(max = 1024) String> variables) {

		static WhatsAppTemplate toTemplate(WhatsAppTemplateRequest request) {
			return (request == null) ? null
					: new WhatsAppTemplate(request.name(), (request.language() != null) ? request.language() : "id",
							(request.variables() != null) ? List.copyOf(request.variables()) : List.of());
		}

	}

	record EditBroadcastRequest(
			@Size(min = 1, max = TITLE_MAX) @Schema(example = "Jadwal posyandu Maret (diperbarui)") String title,
			@Size(min = 1, max = MESSAGE_MAX) @Schema(
					example = "Posyandu Desa Bukit Tunggal buka 12 Maret pukul 09.00 di balai desa.") String message,
			@Size(min = 1, max = 2,
					message = "between {min} and {max}: each channel once") List<@NotNull Channel> channels,
			Priority priority, @Valid TargetRequest target, OffsetDateTime scheduledAt, OffsetDateTime expiresAt,
			@Valid @Schema(description = "a WhatsApp template to send the broadcast in instead of the one it has; "
					+ "checked against the templates notification-service knows") WhatsAppTemplateRequest whatsappTemplate) {

	}

	/**
	 * Who receives a broadcast; an empty or missing list means no restriction on that
	 * dimension. Each list is bounded (each value at most once).
	 */
	record TargetRequest(@Size(max = 14, message = "at most {max}: each kabupaten/kota once") @Schema(
			example = "[\"62.71\", \"62.01\"]") List<@NotNull @Size(max = 5,
					message = "must be a kabupaten code of Kalimantan Tengah (62.01..62.13 or 62.71)") String> kabupaten,
			@Size(max = GROUPS_MAX,
					message = "at most {max} groups; target by kabupaten or dimensions to reach more") @Schema(
							example = "[]") List<@NotBlank @Size(max = GROUP_ID_MAX) String> groups,
			@Size(max = 2,
					message = "at most {max}: each value once") List<@NotNull @Pattern(regexp = "PRIA|WANITA",
							message = "must be PRIA or WANITA") String> gender,
			@Size(max = 3,
					message = "at most {max}: each value once") List<@NotNull @Pattern(regexp = "REMAJA|DEWASA|LANSIA",
							message = "must be REMAJA, DEWASA or LANSIA") String> ageGroup,
			@Size(max = 6, message = "at most {max}: each value once") List<@NotNull @Pattern(
					regexp = "PELAJAR|MAHASISWA|PEDAGANG|PETANI|NELAYAN|LAINNYA",
					message = "must be PELAJAR, MAHASISWA, PEDAGANG, PETANI, NELAYAN or LAINNYA") String> occupation,
			@Size(max = 2,
					message = "at most {max}: each value once") List<@NotNull @Pattern(regexp = "PERKOTAAN|PERDESAAN",
							message = "must be PERKOTAAN or PERDESAAN") String> setting) {

		static BroadcastTarget toTarget(TargetRequest request) {
			return (request != null) ? new BroadcastTarget(request.kabupaten(), request.groups(), request.gender(),
					request.ageGroup(), request.occupation(), request.setting()) : null;
		}

	}

	record RejectBroadcastRequest(@NotBlank @Size(max = 500) @Schema(example = "The date is wrong") String reason) {

	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	/**
	 * A broadcast as answered: times of its schedule in WIB, how its message goes as SMS,
	 * its WhatsApp template and whether that was checked against notification-service's
	 * list ({@code verified: false}: no list had arrived yet).
	 */
	record BroadcastView(String id, String title, String message, SmsEncoding sms, List<Channel> channels,
			Priority priority, BroadcastTarget target, TemplateView whatsappTemplate, BroadcastStatus status,
			String scheduledAt, String expiresAt, String endedAt, String author, List<String> contributors,
			String approvedBy, String rejectionReason, String cancelledBy, Integer recipients, Instant createdAt,
			Instant updatedAt) {

		static BroadcastView of(Broadcast b) {
			return new BroadcastView(b.getId(), b.getTitle(), b.getMessage(), SmsEncoding.of(b.getMessage()),
					b.getChannels(), b.getPriority(), b.getTarget(), TemplateView.of(b), b.getStatus(),
					Wib.format(b.getScheduledAt()), Wib.format(b.getExpiresAt()), Wib.format(b.getEndedAt()),
					b.getAuthor(), b.getContributors(), b.getApprovedBy(), b.getRejectionReason(), b.getCancelledBy(),
					b.getRecipients(), b.getCreatedAt(), b.getUpdatedAt());
		}

	}

	record TemplateView(String name, String language, List<String> variables, boolean verified, String note) {

		static TemplateView of(Broadcast b) {
			WhatsAppTemplate template = b.getWhatsappTemplate();
			if (template == null) {
				return null;
			}
			boolean verified = !Boolean.FALSE.equals(b.getWhatsappTemplateVerified());
			return new TemplateView(template.name(), template.language(), template.variables(), verified,
					verified ? null
							: "not checked: no list of WhatsApp templates had come from notification-service when "
									+ "this was drafted; a template it does not know fails at sending");
		}

	}

}
