package id.go.kalteng.kim.group.membership;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.group.registry.AgeGroup;
import id.go.kalteng.kim.group.registry.Gender;
import id.go.kalteng.kim.group.registry.Member;
import id.go.kalteng.kim.group.registry.MemberDetails;
import id.go.kalteng.kim.group.registry.MemberRole;
import id.go.kalteng.kim.group.registry.Occupation;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.IdempotencyKeys;
import id.go.kalteng.kim.support.phone.PhoneNumbers;
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
import jakarta.validation.constraints.Pattern;
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
@RequestMapping("/api/groups/{groupId}/members")
@Tag(name = "Members",
		description = "A group's members: join, details, removal, erasure of personal data, roster import")
class MemberController {

	private static final String LANGUAGE = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$";

	private final MembershipService memberships;

	MemberController(MembershipService memberships) {
		this.memberships = memberships;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "joinGroup", summary = "Add a member to a group",
			description = "Idempotency-Key makes a retry answer the same member.")
	ResponseEntity<MemberView> join(KimPrincipal principal, @PathVariable String groupId,
			@RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody JoinRequest request) {
		MemberDetails details = new MemberDetails(request.name().trim(), e164(request.phone()), request.gender(),
				request.ageGroup(), or(request.occupation(), Occupation.LAINNYA),
				or(request.role(), MemberRole.ANGGOTA), or(request.whatsapp(), Boolean.FALSE),
				or(request.language(), "id"));
		ChannelConsent consent = or(request.consent(), new ChannelConsent(true, true));
		Member member = this.memberships.join(principal, groupId, idempotencyKey, details, consent);
		return ResponseEntity.created(URI.create("/api/groups/" + groupId + "/members/" + member.getId()))
			.eTag(ETags.of(member.getVersion()))
			.body(MemberView.of(member));
	}

	@GetMapping
	@Operation(operationId = "listMembers", summary = "List a group's members")
	PageView<MemberView> list(KimPrincipal principal, @PathVariable String groupId, @PageNumber int page,
			@PageSize(50) int size) {
		List<Member> all = this.memberships.members(principal, groupId);
		List<MemberView> items = all.stream().skip((long) page * size).limit(size).map(MemberView::of).toList();
		return new PageView<>(items, page, size, all.size());
	}

	@GetMapping("/{memberId}")
	@Operation(operationId = "getMember", summary = "Get a member")
	ResponseEntity<MemberView> get(KimPrincipal principal, @PathVariable String groupId,
			@PathVariable String memberId) {
		return withETag(this.memberships.member(principal, groupId, memberId));
	}

	@PatchMapping("/{memberId}")
	@Operation(operationId = "updateMember", summary = "Change a member's details")
	ResponseEntity<MemberView> update(KimPrincipal principal, @PathVariable String groupId,
			@PathVariable String memberId, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody UpdateRequest request) {
		MemberPatch patch = new MemberPatch(trim(request.name()),
				(request.phone() != null) ? e164(request.phone()) : null, request.gender(), request.ageGroup(),
				request.occupation(), request.role(), request.whatsapp(), request.language());
		return withETag(this.memberships.update(principal, groupId, memberId, ifMatch, patch));
	}

	@DeleteMapping("/{memberId}")
	@Operation(operationId = "removeMember", summary = "Remove a member from a group")
	ResponseEntity<Void> remove(KimPrincipal principal, @PathVariable String groupId, @PathVariable String memberId) {
		this.memberships.remove(principal, groupId, memberId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{memberId}/erase")
	@Operation(operationId = "eraseMember", summary = "Erase a member's personal data")
	ResponseEntity<Void> erase(KimPrincipal principal, @PathVariable String groupId, @PathVariable String memberId) {
		this.memberships.erase(principal, groupId, memberId);
		return ResponseEntity.noContent().build();
	}

	private static String e164(String raw) {
		return PhoneNumbers.normaliseMobile(raw)
			.orElseThrow(() -> DomainException.invalid("phone", PhoneNumbers.MOBILE_RULE));
	}

	private static String trim(String value) {
		return (value != null) ? value.trim() : null;
	}

	private static <T> T or(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	private static ResponseEntity<MemberView> withETag(Member member) {
		return ResponseEntity.ok().eTag(ETags.of(member.getVersion())).body(MemberView.of(member));
	}

	record JoinRequest(@NotBlank @Size(max = 120) @Schema(example = "Siti Rahmawati") String name,
			@NotBlank @Size(max = 32) @Schema(example = "081234567890") String phone, @NotNull Gender gender,
			@NotNull AgeGroup ageGroup, Occupation occupation, MemberRole role,
			@Schema(example = "true") Boolean whatsapp, ChannelConsent consent,
			@Pattern(regexp = LANGUAGE) @Schema(example = "id") String language) {

	}

	record UpdateRequest(@Size(min = 1, max = 120) @Schema(example = "Siti Rahmawati") String name,
			@Size(min = 1, max = 32) @Schema(example = "081234567891") String phone, Gender gender, AgeGroup ageGroup,
			Occupation occupation, MemberRole role, @Schema(example = "false") Boolean whatsapp,
			@Pattern(regexp = LANGUAGE) @Schema(example = "id") String language) {

	}

	record MemberView(String id, String name, String phone, Gender gender, AgeGroup ageGroup, Occupation occupation,
			MemberRole role, boolean whatsapp, ChannelConsent consent, String language, Instant joinedAt,
			Instant updatedAt) {

		static MemberView of(Member m) {
			return new MemberView(m.getId(), m.getName(), m.getPhone(), m.getGender(), m.getAgeGroup(),
					m.getOccupation(), m.getRole(), m.isWhatsapp(), m.getConsent(), m.getLanguage(), m.getJoinedAt(),
					m.getUpdatedAt());
		}

	}

}
