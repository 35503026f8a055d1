package id.go.kalteng.kim.group.forum;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.forum.ForumCoordinator;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.web.ETags;
import id.go.kalteng.kim.support.web.PageNumber;
import id.go.kalteng.kim.support.web.PageSize;
import id.go.kalteng.kim.support.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/forums")
@Tag(name = "Forums", description = "Forums of a kabupaten's groups and their coordinators")
class ForumController {

	private final ForumService forums;

	ForumController(ForumService forums) {
		this.forums = forums;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "establishForum", summary = "Establish a forum")
	ResponseEntity<ForumView> establish(KimPrincipal principal, @Valid @RequestBody EstablishRequest request) {
		Forum forum = this.forums.establish(principal, request.kabupaten(), request.name().trim(),
				(request.memberGroups() != null) ? request.memberGroups() : List.of(),
				(request.coordinators() != null) ? CoordinatorRequest.toAll(request.coordinators()) : List.of());
		return ResponseEntity.created(URI.create("/api/forums/" + forum.getId()))
			.eTag(ETags.of(forum.getVersion()))
			.body(ForumView.of(forum));
	}

	@GetMapping
	@Operation(operationId = "listForums", summary = "List forums")
	PageView<ForumView> list(KimPrincipal principal, @PageNumber int page, @PageSize int size) {
		return this.forums.list(principal, page, size).map(ForumView::of);
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getForum", summary = "Get a forum")
	ResponseEntity<ForumView> get(KimPrincipal principal, @PathVariable String id) {
		return withETag(this.forums.get(principal, id));
	}

	@PatchMapping("/{id}")
	@Operation(operationId = "updateForum", summary = "Rename a forum or change its coordinators")
	ResponseEntity<ForumView> update(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody UpdateRequest request) {
		return withETag(this.forums.update(principal, id, ifMatch, request.name(),
				(request.coordinators() != null) ? CoordinatorRequest.toAll(request.coordinators()) : null));
	}

	@PostMapping("/{id}/groups")
	@Operation(operationId = "addForumGroup", summary = "Add a group to a forum")
	ResponseEntity<ForumView> addGroup(KimPrincipal principal, @PathVariable String id,
			@Valid @RequestBody AddGroupRequest request) {
		return withETag(this.forums.addGroup(principal, id, request.groupId()));
	}

	@DeleteMapping("/{id}/groups/{groupId}")
	@Operation(operationId = "removeForumGroup", summary = "Remove a group from a forum")
	ResponseEntity<ForumView> removeGroup(KimPrincipal principal, @PathVariable String id,
			@PathVariable String groupId) {
		return withETag(this.forums.removeGroup(principal, id, groupId));
	}

	private static ResponseEntity<ForumView> withETag(Forum forum) {
		return ResponseEntity.ok().eTag(ETags.of(forum.getVersion())).body(ForumView.of(forum));
	}

	record EstablishRequest(@NotBlank @Schema(example = "62.71") String kabupaten,
			@NotBlank @Size(max = 120) @Schema(example = "Forum KIM Kota Palangka Raya") String name,
			@Size(max = 500) @Schema(
					example = "[\"3f1c2a9e-5b7d-4e21-9a0c-6d8e2f4b1a77\", \"8b2e4d10-1c3f-4a5b-8e9d-0f7a6c5b4d32\"]") List<@NotBlank String> memberGroups,
			@Size(max = 50) List<@NotNull @Valid CoordinatorRequest> coordinators) {

	}

	record UpdateRequest(@Size(min = 1, max = 120) @Schema(example = "Forum KIM Palangka Raya") String name,
			@Size(max = 50) List<@NotNull @Valid CoordinatorRequest> coordinators) {

	}

	record CoordinatorRequest(@NotBlank @Schema(example = "3f1c2a9e-5b7d-4e21-9a0c-6d8e2f4b1a77") String groupId,
			@NotBlank @Schema(example = "c5d7e9f1-2a4b-4c6d-8e0f-1a3b5c7d9e2f") String memberId,
			@NotNull ForumPosition position) {

		static List<ForumCoordinator> toAll(List<CoordinatorRequest> requests) {
			return requests.stream()
				.map((c) -> new ForumCoordinator(c.groupId(), c.memberId(), c.position().name()))
				.toList();
		}

	}

	record AddGroupRequest(@NotBlank @Schema(example = "8b2e4d10-1c3f-4a5b-8e9d-0f7a6c5b4d32") String groupId) {

	}

	record ForumView(String id, String kabupaten, String name, List<String> memberGroups,
			List<ForumCoordinator> coordinators, Instant establishedAt, Instant updatedAt) {

		static ForumView of(Forum f) {
			return new ForumView(f.getId(), f.kabupaten(), f.getName(), f.getMemberGroups(), f.getCoordinators(),
					f.getEstablishedAt(), f.getUpdatedAt());
		}

	}

}
