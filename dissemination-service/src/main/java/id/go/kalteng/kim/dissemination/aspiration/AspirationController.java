package id.go.kalteng.kim.dissemination.aspiration;

import java.time.OffsetDateTime;
import java.util.Map;

import id.go.kalteng.kim.dissemination.broadcast.BroadcastService;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.web.KabupatenCode;
import id.go.kalteng.kim.support.web.PageNumber;
import id.go.kalteng.kim.support.web.PageSize;
import id.go.kalteng.kim.support.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Aspirations", description = "Community replies (aspirasi) to broadcasts, sender masked")
class AspirationController {

	private final Aspirations aspirations;

	private final BroadcastService broadcasts;

	AspirationController(Aspirations aspirations, BroadcastService broadcasts) {
		this.aspirations = aspirations;
		this.broadcasts = broadcasts;
	}

	@GetMapping("/api/broadcasts/{id}/replies")
	@Operation(operationId = "listBroadcastReplies",
			summary = "Community replies from phones whose latest broadcast was this one, oldest first")
	PageView<Map<String, Object>> replies(KimPrincipal principal, @PathVariable String id, @PageNumber int page,
			@PageSize int size) {
		Aspirations.requireAccess(principal);
		return this.aspirations.ofBroadcast(this.broadcasts.visible(principal, id).getId(), page, size);
	}

	@GetMapping("/api/aspirations")
	@Operation(operationId = "listAspirations", summary = "Community replies by kabupaten and time, newest first")
	PageView<Map<String, Object>> list(KimPrincipal principal,
			@RequestParam(required = false) @KabupatenCode String kabupaten,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
			@PageNumber int page, @PageSize int size) {
		return this.aspirations.list(principal, kabupaten, (from != null) ? from.toInstant() : null,
				(to != null) ? to.toInstant() : null, page, size);
	}

	@PostMapping("/api/aspirations/{id}/follow-up")
	@Operation(operationId = "followUpAspiration", summary = "Mark a community reply as followed up")
	Map<String, Object> followUp(KimPrincipal principal, @PathVariable String id,
			@Valid @RequestBody(required = false) FollowUpRequest request) {
		return this.aspirations.followUp(principal, id, (request != null) ? request.note() : null);
	}

	record FollowUpRequest(@Size(max = 1000) String note) {

	}

}
