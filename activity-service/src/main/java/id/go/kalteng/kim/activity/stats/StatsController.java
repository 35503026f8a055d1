package id.go.kalteng.kim.activity.stats;

import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.web.KabupatenCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Activities")
class StatsController {

	private final ActivityStats stats;

	StatsController(ActivityStats stats) {
		this.stats = stats;
	}

	@GetMapping("/api/activities/stats")
	@Operation(operationId = "getActivityStats", summary = "Activity figures of a year",
			description = "Of the activities the caller may see, optionally of one kabupaten; the current year by default.")
	ActivityStats.Figures stats(KimPrincipal principal,
			@RequestParam(required = false) @Min(2000) @Max(2100) Integer year,
			@RequestParam(required = false) @KabupatenCode String kabupaten) {
		return this.stats.of(principal, year, kabupaten);
	}

}
