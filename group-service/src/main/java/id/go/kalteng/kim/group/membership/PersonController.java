package id.go.kalteng.kim.group.membership;

import java.util.List;

import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.phone.PhoneNumbers;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/members/erasure}: a person's erasure request (UU PDP) by number,
 * across every group and every service; answers which memberships were erased.
 */
@RestController
@Tag(name = "People", description = "A person across groups, by phone number: memberships and erasure")
class PersonController {

	private final MembershipService memberships;

	PersonController(MembershipService memberships) {
		this.memberships = memberships;
	}

	@GetMapping("/api/members")
	@Operation(operationId = "findMemberships", summary = "Find a person's memberships by phone number")
	PageView<MembershipView> memberships(KimPrincipal principal, @RequestParam String phone) {
		String e164 = e164(phone);
		List<MembershipView> items = this.memberships.membershipsOf(principal, e164)
			.stream()
			.map((m) -> new MembershipView(m.group().getId(), m.group().getDetails().name(), m.group().kabupaten(),
					m.group().getStatus().name(), MemberController.MemberView.of(m.member())))
			.toList();
		return new PageView<>(items, 0, items.size(), items.size());
	}

	@PostMapping("/api/members/erasure")
	@Operation(operationId = "requestErasure", summary = "Erase a person's personal data everywhere, by phone number",
			description = "Also for former members and people who never were one: every service forgets the phone.")
	ErasureView erase(KimPrincipal principal, @Valid @RequestBody ErasureRequest request) {
		String phone = e164(request.phone());
		List<MembershipService.Erased> erased = this.memberships.eraseEverywhere(principal, phone);
		return new ErasureView(erased.size(), erased, true);
	}

	private static String e164(String phone) {
		return PhoneNumbers.normalise(phone)
			.orElseThrow(() -> DomainException.invalid("phone", PhoneNumbers.MOBILE_RULE));
	}

	record MembershipView(String groupId, String groupName, String kabupaten, String groupStatus,
			MemberController.MemberView member) {

	}

	record ErasureRequest(@NotBlank @Size(max = 32) @Schema(example = "081234567890") String phone) {

	}

	/**
	 * The answer to an erasure request.
	 *
	 * @param erased how many current memberships were erased
	 * @param memberships which
	 * @param requested the request was recorded and announced to every service, which
	 * forget their copies of the number (also of a former member, or of a number that was
	 * never a member)
	 */
	record ErasureView(int erased, List<MembershipService.Erased> memberships, boolean requested) {

	}

}
