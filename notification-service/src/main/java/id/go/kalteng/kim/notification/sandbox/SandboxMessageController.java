package id.go.kalteng.kim.notification.sandbox;

import id.go.kalteng.kim.notification.web.QueryParameters;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.web.PageNumber;
import id.go.kalteng.kim.support.web.PageSize;
import id.go.kalteng.kim.support.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

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
@Tag(name = "Sandbox",
		description = "The local SMS/WhatsApp provider: what it would have sent, and its callbacks (local profile only)")
class SandboxMessageController {

	private final SandboxMessages messages;

	SandboxMessageController(SandboxMessages messages) {
		this.messages = messages;
	}

	@GetMapping("/api/sandbox/messages")
	@PreAuthorize("hasAnyRole('OPERATOR', 'AGENCY')")
	@Operation(operationId = "listSandboxMessages", summary = "List what the sandbox provider would have sent")
	PageView<SandboxMessageView> list(KimPrincipal principal, @RequestParam(required = false) String phone,
			@PageNumber int page, @PageSize(max = 200) int size) {
		return this.messages.find(QueryParameters.phone(phone), QueryParameters.kabupatenScope(principal), page, size);
	}

}
