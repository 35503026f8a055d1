package id.go.kalteng.kim.group.membership;

import java.util.List;

import id.go.kalteng.kim.support.phone.PhoneNumbers;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/members/erasure}: a person's erasure request (UU PDP) by number,
 * across every group; answers which memberships were erased.
 */
@RestController
class ErasureController {

	private final MembershipService memberships;

	ErasureController(MembershipService memberships) {
		this.memberships = memberships;
	}

	@PostMapping("/api/members/erasure")
	ErasureView erase(KimPrincipal principal, @Valid @RequestBody ErasureRequest request) {
		String phone = PhoneNumbers.normalise(request.phone())
			.orElseThrow(() -> ApiException.invalid("phone", PhoneNumbers.MOBILE_RULE));
		List<MembershipService.Erased> erased = this.memberships.eraseEverywhere(principal, phone);
		return new ErasureView(erased.size(), erased);
	}

	record ErasureRequest(@NotBlank @Size(max = 32) String phone) {

	}

	record ErasureView(int erased, List<MembershipService.Erased> memberships) {

	}

}
