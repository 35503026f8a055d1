package id.go.kalteng.kim.activity.planning;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.FieldViolation;
import id.go.kalteng.kim.support.domain.IdempotencyKeys;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.web.ETags;
import id.go.kalteng.kim.support.web.KabupatenCode;
import id.go.kalteng.kim.support.web.PageNumber;
import id.go.kalteng.kim.support.web.PageSize;
import id.go.kalteng.kim.support.web.PageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/activities")
@Tag(name = "Activities", description = "Activities planned for groups: plan, revise, cancel, attendance, completion")
class ActivityController {

	/** Local time of Kalimantan Tengah (WIB). */
	static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

	private final ActivityService activities;

	ActivityController(ActivityService activities) {
		this.activities = activities;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "planActivity", summary = "Plan an activity",
			description = "Idempotency-Key makes a retry answer the same activity; the answer carries its ETag.")
	ResponseEntity<ActivityView> create(KimPrincipal principal,
			@RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
			@Valid @RequestBody CreateActivityRequest request) {
		Activity activity = this.activities.plan(principal, idempotencyKey,
				new Activity.Details(request.type(), request.title(), request.description(), request.organizer(),
						request.kabupaten(), request.place(), request.startsAt().toInstant(),
						request.endsAt().toInstant(), request.invitedGroups(), request.capacity()));
		return ResponseEntity.created(URI.create("/api/activities/" + activity.getId()))
			.eTag(ETags.of(activity.getVersion()))
			.body(ActivityView.of(activity));
	}

	@GetMapping
	@Operation(operationId = "listActivities", summary = "List activities")
	PageView<ActivityView> list(KimPrincipal principal, @RequestParam(required = false) @KabupatenCode String kabupaten,
			@RequestParam(required = false) ActivityType type, @RequestParam(required = false) ActivityStatus status,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@PageNumber int page, @PageSize int size) {
		ActivityService.Filter filter = new ActivityService.Filter(kabupaten, type, status, startOf(from),
				(to != null) ? startOf(to.plusDays(1)) : null);
		return this.activities.list(principal, filter, page, size).map(ActivityView::of);
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getActivity", summary = "Get an activity",
			description = "The answer carries the ETag to send as If-Match with a change.")
	ResponseEntity<ActivityView> get(KimPrincipal principal, @PathVariable String id) {
		return withETag(this.activities.get(principal, id));
	}

	@PatchMapping("/{id}")
	@Operation(operationId = "reviseActivity", summary = "Revise a planned activity")
	ResponseEntity<ActivityView> edit(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody EditActivityRequest request) {
		return withETag(this.activities.revise(principal, id, ifMatch,
				new ActivityService.Patch(request.type(), request.title(), request.description(), request.organizer(),
						request.kabupaten(), request.place(), instant(request.startsAt()), instant(request.endsAt()),
						request.invitedGroups(), request.capacity())));
	}

	@PostMapping("/{id}/cancel")
	@Operation(operationId = "cancelActivity", summary = "Cancel an activity")
	ResponseEntity<ActivityView> cancel(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody CancelRequest request) {
		return withETag(this.activities.cancel(principal, id, ifMatch, request.reason()));
	}

	@PostMapping("/{id}/attendance")
	@Operation(operationId = "recordAttendance", summary = "Record each group's attendance")
	ResponseEntity<ActivityView> attendance(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody @NotEmpty List<@NotNull @Valid AttendanceRequest> request) {
		return withETag(this.activities.recordAttendance(principal, id, ifMatch,
				request.stream().map((a) -> new GroupAttendance(a.groupId(), a.attendees())).toList()));
	}

	@PostMapping(path = "/{id}/attendance/members", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "recordMemberAttendance", summary = "Record members present or absent",
			description = "Each must be a member of an invited group; a coordinator records its own group's members.")
	ResponseEntity<ActivityView> memberAttendance(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody @NotEmpty @Size(max = 5000) List<@NotNull @Valid MemberAttendanceRequest> request) {
		return withETag(this.activities.recordMemberAttendance(principal, id, ifMatch,
				request.stream().map((a) -> new ActivityService.MemberPresence(a.memberId(), a.present())).toList()));
	}

	@PostMapping(path = "/{id}/attendance/members", consumes = "text/csv")
	@Operation(operationId = "recordMemberAttendanceCsv", summary = "Record members present or absent from CSV",
			description = "Lines of memberId,present (present: true/false, hadir/tidak, 1/0); an optional header line.")
	ResponseEntity<ActivityView> memberAttendanceCsv(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @RequestBody String csv) {
		return withETag(this.activities.recordMemberAttendance(principal, id, ifMatch, parseCsv(csv)));
	}

	/** Parses attendance CSV; every bad line is named, nothing is recorded then. */
	static List<ActivityService.MemberPresence> parseCsv(String csv) {
		List<ActivityService.MemberPresence> entries = new ArrayList<>();
		List<FieldViolation> errors = new ArrayList<>();
		String[] lines = csv.split("\\r?\\n");
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].trim();
			if (line.isEmpty() || (i == 0 && line.toLowerCase(Locale.ROOT).startsWith("memberid"))) {
				continue;
			}
			String[] cells = line.split("[,;]");
			Boolean present = (cells.length == 2) ? presence(cells[1].trim()) : null;
			if (cells.length != 2 || cells[0].isBlank() || present == null) {
				errors.add(new FieldViolation("line " + (i + 1), "must be memberId,present (true/false)", line));
			}
			else {
				entries.add(new ActivityService.MemberPresence(cells[0].trim(), present));
			}
		}
		if (entries.isEmpty() && errors.isEmpty()) {
			errors.add(new FieldViolation("body", "must list at least one member", null));
		}
		if (entries.size() > 5000) {
			errors.add(new FieldViolation("body", "must list at most 5000 members", entries.size()));
		}
		if (!errors.isEmpty()) {
			throw DomainException.invalid(errors);
		}
		return entries;
	}

	private static Boolean presence(String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true", "1", "hadir", "present", "ya" -> true;
			case "false", "0", "tidak", "absent", "tidak hadir" -> false;
			default -> null;
		};
	}

	@PostMapping("/{id}/complete")
	@Operation(operationId = "completeActivity", summary = "Complete an activity with its outcome")
	ResponseEntity<ActivityView> complete(KimPrincipal principal, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody CompleteRequest request) {
		if (request.summary() == null && request.participants() == null && request.followUps() == null) {
			return withETag(this.activities.complete(principal, id, ifMatch, request.outcome(), request.attendees()));
		}
		List<Activity.FollowUp> followUps = (request.followUps() != null) ? request.followUps()
			.stream()
			.map((f) -> new Activity.FollowUp(f.action(), f.owner(), f.dueDate()))
			.toList() : List.of();
		return withETag(this.activities.complete(principal, id, ifMatch,
				new Activity.Report(request.summary(), request.participants(), request.outcome(), followUps),
				request.attendees()));
	}

	private static ResponseEntity<ActivityView> withETag(Activity activity) {
		return ResponseEntity.ok().eTag(ETags.of(activity.getVersion())).body(ActivityView.of(activity));
	}

	private static Instant startOf(LocalDate date) {
		return (date != null) ? date.atStartOfDay(WIB).toInstant() : null;
	}

	private static Instant instant(OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	private static OffsetDateTime local(Instant time) {
		return (time != null) ? time.atZone(WIB).toOffsetDateTime() : null;
	}

	record CreateActivityRequest(@NotNull ActivityType type,
			@NotBlank @Size(max = 200) @Schema(example = "Sosialisasi layanan kesehatan desa") String title,
			@Size(max = 4000) @Schema(
					example = "Pertemuan warga dengan puskesmas tentang jadwal posyandu") String description,
			@NotBlank @Size(max = 200) @Schema(example = "Diskominfo Kota Palangka Raya") String organizer,
			@Schema(example = "62.71") String kabupaten,
			@NotBlank @Size(max = 300) @Schema(example = "Balai Desa Bukit Tunggal") String place,
			@NotNull @Schema(example = "2026-03-10T09:00:00+07:00") OffsetDateTime startsAt,
			@NotNull @Schema(example = "2026-03-10T12:00:00+07:00") OffsetDateTime endsAt,
			@Size(max = 500) @Schema(
					example = "[\"3f1c2a9e-5b7d-4e21-9a0c-6d8e2f4b1a77\", \"8b2e4d10-1c3f-4a5b-8e9d-0f7a6c5b4d32\"]") List<@NotBlank String> invitedGroups,
			@Positive @Schema(example = "60") Integer capacity) {

	}

	record EditActivityRequest(ActivityType type,
			@Size(min = 1,
					max = 200) @Schema(example = "Sosialisasi layanan kesehatan desa (jadwal baru)") String title,
			@Size(max = 4000) String description, @Size(min = 1, max = 200) String organizer, String kabupaten,
			@Size(min = 1, max = 300) @Schema(example = "Aula Kecamatan Jekan Raya") String place,
			@Schema(example = "2026-03-12T09:00:00+07:00") OffsetDateTime startsAt,
			@Schema(example = "2026-03-12T12:00:00+07:00") OffsetDateTime endsAt,
			@Size(max = 500) @Schema(
					example = "[\"3f1c2a9e-5b7d-4e21-9a0c-6d8e2f4b1a77\", \"8b2e4d10-1c3f-4a5b-8e9d-0f7a6c5b4d32\"]") List<@NotBlank String> invitedGroups,
			@Positive Integer capacity) {

	}

	record CancelRequest(@NotBlank @Size(max = 500) @Schema(example = "Venue unavailable") String reason) {

	}

	record CompleteRequest(
			@NotBlank @Size(max = 10000) @Schema(example = "Jadwal posyandu disepakati; 45 warga hadir") String outcome,
			@NotNull @PositiveOrZero @Schema(example = "45") Integer attendees,
			@Size(max = 10000) @Schema(example = "Dialog warga dengan puskesmas") String summary,
			@Size(max = 4000) @Schema(example = "Kepala Puskesmas Menteng, 3 kader posyandu") String participants,
			@Size(max = 50) List<@NotNull @Valid FollowUpRequest> followUps) {

	}

	record FollowUpRequest(
			@NotBlank @Size(max = 500) @Schema(example = "Kirim jadwal posyandu ke grup KIM") String action,
			@NotBlank @Size(max = 200) @Schema(example = "Ketua KIM Kahayan") String owner,
			@NotNull @Schema(example = "2026-12-15") LocalDate dueDate) {

	}

	record MemberAttendanceRequest(@NotBlank @Schema(example = "7c1e2a9e-5b7d-4e21-9a0c-6d8e2f4b1a77") String memberId,
			@NotNull Boolean present) {

	}

	record AttendanceRequest(@NotBlank @Schema(example = "3f1c2a9e-5b7d-4e21-9a0c-6d8e2f4b1a77") String groupId,
			@NotNull @PositiveOrZero @Schema(example = "25") Integer attendees) {

	}

	record ActivityView(String id, ActivityType type, ActivityCategory category, String title, String description,
			String organizer, String kabupaten, String place, OffsetDateTime startsAt, OffsetDateTime endsAt,
			List<String> invitedGroups, Integer capacity, ActivityStatus status, int revision,
			List<GroupAttendance> attendance, List<Activity.MemberAttendance> memberAttendance, Integer attendees,
			String outcome, Activity.Report report, String cancellationReason, String createdBy,
			OffsetDateTime createdAt, OffsetDateTime updatedAt) {

		static ActivityView of(Activity a) {
			Activity.Details d = a.getDetails();
			return new ActivityView(a.getId(), d.type(), a.getCategory(), d.title(), d.description(), d.organizer(),
					d.kabupaten(), d.place(), local(d.startsAt()), local(d.endsAt()), d.invitedGroups(), d.capacity(),
					a.getStatus(), a.getRevision(), a.getAttendance(), a.getMemberAttendance(), a.getAttendees(),
					a.getOutcome(), a.getReport(), a.getCancellationReason(), a.getCreatedBy(), local(a.getCreatedAt()),
					local(a.getUpdatedAt()));
		}

	}

}
