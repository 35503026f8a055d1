package id.go.kalteng.kim.notification.delivery.sandbox;

import id.go.kalteng.kim.notification.web.QueryParameters;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.web.PageView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What each phone would have received, while the sandbox is the provider: operators see
 * all, an agency the messages of its kabupaten.
 */
@RestController
@ConditionalOnSandbox
class SandboxMessageController {

	private final SandboxMessages messages;

	SandboxMessageController(SandboxMessages messages) {
		this.messages = messages;
	}

	@GetMapping("/api/sandbox/messages")
	@PreAuthorize("hasAnyRole('OPERATOR', 'AGENCY')")
	PageView<SandboxMessageView> list(KimPrincipal principal, @RequestParam(required = false) String phone,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		return this.messages.find(QueryParameters.phone(phone), QueryParameters.kabupatenScope(principal), page, size);
	}

}
