package id.go.kalteng.kim.activity.stats;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import id.go.kalteng.kim.activity.planning.ActivityType;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.web.KabupatenCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Activities")
class CoverageController {

	private final Coverage coverage;

	private final Clock clock;

	CoverageController(Coverage coverage, Clock clock) {
		this.coverage = coverage;
		this.clock = clock;
	}

	@GetMapping("/api/activities/coverage")
	@Operation(operationId = "getActivityCoverage", summary = "Groups of a kabupaten reached and not reached",
			description = "A group is reached when invited to an activity (not cancelled) starting between from and to "
					+ "(WIB dates, inclusive; the current year by default), optionally of one technique.")
	Coverage.Report coverage(KimPrincipal principal, @RequestParam @KabupatenCode String kabupaten,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) ActivityType type) {
		int year = LocalDate.now(this.clock.withZone(ZoneId.of("Asia/Jakarta"))).getYear();
		return this.coverage.of(principal, kabupaten, (from != null) ? from : LocalDate.of(year, 1, 1),
				(to != null) ? to : LocalDate.of(year, 12, 31), type);
	}

}
