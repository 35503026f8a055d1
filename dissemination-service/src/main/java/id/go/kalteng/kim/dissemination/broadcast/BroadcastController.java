package id.go.kalteng.kim.dissemination.broadcast;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import id.go.kalteng.kim.contracts.dissemination.BroadcastTarget;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.web.ETags;
import id.go.kalteng.kim.support.web.IdempotencyKeys;
import id.go.kalteng.kim.support.web.PageNumber;
import id.go.kalteng.kim.support.web.PageSize;
import id.go.kalteng.kim.support.web.PageView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/broadcasts")
class BroadcastController {

	private final BroadcastService broadcasts;

	BroadcastController(BroadcastService broadcasts) {
		this.broadcasts = broadcasts;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<BroadcastView> create(KimPrincipal principal,
			@RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody CreateBroadcastRequest request) {
		Broadcast broadcast = this.broadcasts.create(principal, idempotencyKey, new Broadcast.Content(request.title(),
				request.message(), request.channels(), request.priority(), request.target()));
		return ResponseEntity.created(URI.create("/api/broadcasts/" + broadcast.getId()))
			.eTag(ETags.of(broadcast.getVersion()))
			.body(BroadcastView.of(broadcast));
	}

	@GetMapping
	PageView<BroadcastView> list(KimPrincipal principal, @RequestParam(required = false) BroadcastStatus status,
			@RequestParam(required = false) String kabupaten, @PageNumber int page, @PageSize int size) {
		return this.broadcasts.list(principal, status, kabupaten, page, size).map(BroadcastView::of);
	}

	@GetMapping("/{id}")
	ResponseEntity<BroadcastView> get(KimPrincipal principal, @PathVariable String id) {
		return withETag(this.broadcasts.get(principal, id));
	}

	@PatchMapping("/{id}")
	ResponseEntity<BroadcastView> edit(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody EditBroadcastRequest request) {
		return withETag(this.broadcasts.edit(principal, id, ifMatch, new BroadcastService.Patch(request.title(),
				request.message(), request.channels(), request.priority(), request.target())));
	}

	@PostMapping("/{id}/submit")
	ResponseEntity<BroadcastView> submit(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return withETag(this.broadcasts.submit(principal, id, ifMatch));
	}

	@PostMapping("/{id}/approve")
	ResponseEntity<BroadcastView> approve(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return withETag(this.broadcasts.approve(principal, id, ifMatch));
	}

	@PostMapping("/{id}/reject")
	ResponseEntity<BroadcastView> reject(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody RejectBroadcastRequest request) {
		return withETag(this.broadcasts.reject(principal, id, ifMatch, request.reason()));
	}

	@PostMapping("/{id}/cancel")
	ResponseEntity<BroadcastView> cancel(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return withETag(this.broadcasts.cancel(principal, id, ifMatch));
	}

	@GetMapping("/{id}/preview")
	Map<String, Object> preview(KimPrincipal principal, @PathVariable String id) {
		return this.broadcasts.preview(principal, id);
	}

	@GetMapping("/{id}/progress")
	Map<String, Object> progress(KimPrincipal principal, @PathVariable String id) {
		return this.broadcasts.progress(principal, id);
	}

	private static ResponseEntity<BroadcastView> withETag(Broadcast broadcast) {
		return ResponseEntity.ok().eTag(ETags.of(broadcast.getVersion())).body(BroadcastView.of(broadcast));
	}

	record CreateBroadcastRequest(@NotBlank @Size(max = 120) String title, @NotBlank @Size(max = 918) String message,
			@NotEmpty List<@NotNull Channel> channels, @NotNull Priority priority, BroadcastTarget target) {

	}

	record EditBroadcastRequest(@Size(min = 1, max = 120) String title, @Size(min = 1, max = 918) String message,
			@Size(min = 1) List<@NotNull Channel> channels, Priority priority, BroadcastTarget target) {

	}

	record RejectBroadcastRequest(@NotBlank @Size(max = 500) String reason) {

	}

	record BroadcastView(String id, String title, String message, List<Channel> channels, Priority priority,
			BroadcastTarget target, BroadcastStatus status, String author, String approvedBy, String rejectionReason,
			Integer recipients, Instant createdAt, Instant updatedAt) {

		static BroadcastView of(Broadcast b) {
			return new BroadcastView(b.getId(), b.getTitle(), b.getMessage(), b.getChannels(), b.getPriority(),
					b.getTarget(), b.getStatus(), b.getAuthor(), b.getApprovedBy(), b.getRejectionReason(),
					b.getRecipients(), b.getCreatedAt(), b.getUpdatedAt());
		}

	}

}
