package id.go.kalteng.kim.notification.tracking;

import id.go.kalteng.kim.notification.web.QueryParameters;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.web.PageNumber;
import id.go.kalteng.kim.support.web.PageSize;
import id.go.kalteng.kim.support.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists notifications: operators see all, an agency those of its kabupaten.
 */
@RestController
@RequestMapping("/api/notifications")
@Tag(name = "Notifications", description = "Each message sent to a member and its delivery status")
class NotificationController {

	private final NotificationSearch search;

	NotificationController(NotificationSearch search) {
		this.search = search;
	}

	@GetMapping
	@PreAuthorize("hasAnyRole('OPERATOR', 'AGENCY')")
	@Operation(operationId = "listNotifications", summary = "List notifications",
			description = "Operators see all, an agency those of its kabupaten.")
	PageView<NotificationView> list(KimPrincipal principal, @RequestParam(required = false) String broadcastId,
			@RequestParam(required = false) String phone, @RequestParam(required = false) NotificationStatus status,
			@PageNumber int page, @PageSize(max = 200) int size) {
		NotificationSearch.Filter filter = new NotificationSearch.Filter(blankToNull(broadcastId),
				QueryParameters.phone(phone), status, QueryParameters.kabupatenScope(principal));
		return this.search.find(filter, page, size);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
