package id.go.kalteng.kim.notification.tracking;

import id.go.kalteng.kim.notification.web.QueryParameters;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.web.PageView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

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
class NotificationController {

	private final NotificationSearch search;

	NotificationController(NotificationSearch search) {
		this.search = search;
	}

	@GetMapping
	@PreAuthorize("hasAnyRole('OPERATOR', 'AGENCY')")
	PageView<NotificationView> list(KimPrincipal principal, @RequestParam(required = false) String broadcastId,
			@RequestParam(required = false) String phone, @RequestParam(required = false) NotificationStatus status,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		NotificationSearch.Filter filter = new NotificationSearch.Filter(blankToNull(broadcastId),
				QueryParameters.phone(phone), status, QueryParameters.kabupatenScope(principal));
		return this.search.find(filter, page, size);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
