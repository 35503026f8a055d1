package id.go.kalteng.kim.group.registry;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

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
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

@RestController
@RequestMapping("/api/groups")
@Tag(name = "Groups",
		description = "Kelompok Informasi Masyarakat: registration, details, lifecycle (suspend, reinstate, dissolve) and partnerships with agencies")
class GroupController {

	private final GroupService groups;

	private final GroupStatistics statistics;

	GroupController(GroupService groups, GroupStatistics statistics) {
		this.groups = groups;
		this.statistics = statistics;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "registerGroup", summary = "Register a group",
			description = "Idempotency-Key makes a retry answer the same group; the answer carries its ETag.")
	ResponseEntity<GroupView> register(KimPrincipal principal,
			@RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody RegisterGroupRequest request) {
		Group group = this.groups.register(principal, idempotencyKey,
				new GroupDetails(request.name().trim(), request.kabupaten(), request.kecamatan().trim(),
						request.desa().trim(), request.setting(), request.skNumber(), request.skDate(),
						request.focus()));
		return ResponseEntity.created(URI.create("/api/groups/" + group.getId()))
			.eTag(ETags.of(group.getVersion()))
			.body(GroupView.of(group));
	}

	@GetMapping
	@Operation(operationId = "searchGroups", summary = "Search groups",
			description = "Filtered by kabupaten, status, setting and a text in the name; only the kabupaten the caller may see.")
	PageView<GroupView> search(KimPrincipal principal, @RequestParam(required = false) @KabupatenCode String kabupaten,
			@RequestParam(required = false) GroupStatus status, @RequestParam(required = false) Setting setting,
			@RequestParam(required = false) @Size(max = 100) String q, @PageNumber int page, @PageSize int size) {
		return this.groups.search(principal, new GroupService.GroupFilter(kabupaten, status, setting, q), page, size)
			.map(GroupView::of);
	}

	@GetMapping("/stats")
	@Operation(operationId = "getGroupStats", summary = "Count groups",
			description = "Counts of the groups the caller may see, optionally of one kabupaten.")
	GroupStatistics.Stats stats(KimPrincipal principal,
			@RequestParam(required = false) @KabupatenCode String kabupaten) {
		return this.statistics.count(principal, kabupaten);
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getGroup", summary = "Get a group",
			description = "The answer carries the ETag to send as If-Match with a change.")
	ResponseEntity<GroupView> get(KimPrincipal principal, @PathVariable String id) {
		return withETag(this.groups.get(principal, id));
	}

	@PatchMapping("/{id}")
	@Operation(operationId = "updateGroup", summary = "Change a group's details")
	ResponseEntity<GroupView> update(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody UpdateGroupRequest request) {
		return withETag(this.groups.update(principal, id, ifMatch,
				new GroupService.GroupPatch(request.name(), request.kecamatan(), request.desa(), request.setting(),
						request.skNumber(), request.skDate(), request.focus())));
	}

	@PostMapping("/{id}/suspend")
	@Operation(operationId = "suspendGroup", summary = "Suspend a group")
	ResponseEntity<GroupView> suspend(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody ReasonRequest request) {
		return withETag(this.groups.suspend(principal, id, ifMatch, request.reason()));
	}

	@PostMapping("/{id}/reinstate")
	@Operation(operationId = "reinstateGroup", summary = "Reinstate a suspended group")
	ResponseEntity<GroupView> reinstate(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		return withETag(this.groups.reinstate(principal, id, ifMatch));
	}

	@PostMapping("/{id}/dissolve")
	@Operation(operationId = "dissolveGroup", summary = "Dissolve a group")
	ResponseEntity<GroupView> dissolve(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody ReasonRequest request) {
		return withETag(this.groups.dissolve(principal, id, ifMatch, request.reason()));
	}

	@GetMapping("/{id}/partnerships")
	@Operation(operationId = "listPartnerships", summary = "List a group's partnerships")
	PageView<Partnership> partnerships(KimPrincipal principal, @PathVariable String id) {
		List<Partnership> all = this.groups.get(principal, id).getPartnerships();
		return new PageView<>(all, 0, all.size(), all.size());
	}

	@PostMapping("/{id}/partnerships")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "formPartnership", summary = "Form a partnership with an agency")
	ResponseEntity<Partnership> formPartnership(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody PartnershipRequest request) {
		Partnership partnership = this.groups.formPartnership(principal, id, idempotencyKey, request.agency().trim(),
				request.scope().trim(), request.since());
		return ResponseEntity.created(URI.create("/api/groups/" + id + "/partnerships/" + partnership.id()))
			.body(partnership);
	}

	@PostMapping("/{id}/partnerships/{partnershipId}/end")
	@Operation(operationId = "endPartnership", summary = "End a partnership")
	Partnership endPartnership(KimPrincipal principal, @PathVariable String id, @PathVariable String partnershipId,
			@Valid @RequestBody EndPartnershipRequest request) {
		return this.groups.endPartnership(principal, id, partnershipId, request.until(), request.reason());
	}

	private static ResponseEntity<GroupView> withETag(Group group) {
		return ResponseEntity.ok().eTag(ETags.of(group.getVersion())).body(GroupView.of(group));
	}

	record RegisterGroupRequest(@NotBlank @Size(max = 120) @Schema(example = "KIM Sinar Harapan") String name,
			@NotBlank @Schema(example = "62.71") String kabupaten,
			@NotBlank @Size(max = 80) @Schema(example = "Jekan Raya") String kecamatan,
			@NotBlank @Size(max = 80) @Schema(example = "Bukit Tunggal") String desa, @NotNull Setting setting,
			@Size(max = 80) @Schema(example = "045/KIM/2025") String skNumber,
			@PastOrPresent @Schema(example = "2025-02-10") LocalDate skDate,
			@Size(max = 500) @Schema(example = "Informasi pertanian dan kesehatan desa") String focus) {

	}

	record UpdateGroupRequest(@Size(min = 1, max = 120) @Schema(example = "KIM Sinar Harapan Baru") String name,
			@Size(min = 1, max = 80) @Schema(example = "Jekan Raya") String kecamatan,
			@Size(min = 1, max = 80) @Schema(example = "Bukit Tunggal") String desa, Setting setting,
			@Size(max = 80) @Schema(example = "046/KIM/2025") String skNumber,
			@PastOrPresent @Schema(example = "2025-03-01") LocalDate skDate,
			@Size(max = 500) @Schema(example = "Informasi pertanian") String focus) {

	}

	record ReasonRequest(
			@NotBlank @Size(max = 500) @Schema(example = "No activity reported for twelve months") String reason) {

	}

	record PartnershipRequest(
			@NotBlank @Size(max = 160) @Schema(
					example = "Dinas Komunikasi dan Informatika Kota Palangka Raya") String agency,
			@NotBlank @Size(max = 500) @Schema(example = "Penyebaran informasi layanan publik") String scope,
			@NotNull @Schema(example = "2025-04-01") LocalDate since) {

	}

	record EndPartnershipRequest(@Schema(example = "2026-03-31") LocalDate until,
			@Size(max = 500) @Schema(example = "Programme ended") String reason) {

	}

	record GroupView(String id, String name, String kabupaten, String kecamatan, String desa, Setting setting,
			String skNumber, LocalDate skDate, String focus, GroupStatus status, String statusReason, int memberCount,
			Instant registeredAt, Instant updatedAt) {

		static GroupView of(Group g) {
			GroupDetails d = g.getDetails();
			return new GroupView(g.getId(), d.name(), d.kabupaten(), d.kecamatan(), d.desa(), d.setting(), d.skNumber(),
					d.skDate(), d.focus(), g.getStatus(), g.getStatusReason(), g.getMemberCount(), g.getRegisteredAt(),
					g.getUpdatedAt());
		}

	}

}
