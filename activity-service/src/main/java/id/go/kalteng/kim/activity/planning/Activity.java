package id.go.kalteng.kim.activity.planning;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.contracts.activity.ActivityCancelledEvent;
import id.go.kalteng.kim.contracts.activity.ActivityCompletedEvent;
import id.go.kalteng.kim.contracts.activity.ActivityPlannedEvent;
import id.go.kalteng.kim.contracts.activity.ActivityRescheduledEvent;
import id.go.kalteng.kim.contracts.activity.ActivityUpdatedEvent;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.FieldViolation;
import id.go.kalteng.kim.support.outbox.AggregateRoot;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An empowerment activity: planned with its invited groups, rescheduled when its time or
 * place changes (each change a new {@code revision} members are told about), then either
 * completed with attendance and a report, or cancelled. An activity may be recorded with
 * a start in the past (back-filling an earlier programme): it is planned like any other,
 * may be completed at once, and nobody is invited to or reminded of it.
 */
@Document("activities")
public class Activity extends AggregateRoot {

	/** The kabupaten code of an activity the province organises. */
	public static final String PROVINCE = Kabupaten.PROVINCE;

	private Details details;

	private ActivityCategory category;

	private ActivityStatus status;

	private List<GroupAttendance> attendance;

	private Integer attendees;

	private String outcome;

	private String cancellationReason;

	private int revision;

	private List<MemberAttendance> memberAttendance;

	private Report report;

	private final String createdBy;

	private final Instant createdAt;

	private Instant updatedAt;

	@PersistenceCreator
	Activity(String id, Details details, ActivityCategory category, ActivityStatus status,
			List<GroupAttendance> attendance, Integer attendees, String outcome, String cancellationReason,
			int revision, List<MemberAttendance> memberAttendance, Report report, String createdBy, Instant createdAt,
			Instant updatedAt) {
		super(id);
		this.details = details;
		this.category = category;
		this.status = status;
		this.attendance = (attendance != null) ? attendance : List.of();
		this.attendees = attendees;
		this.outcome = outcome;
		this.cancellationReason = cancellationReason;
		this.revision = revision;
		this.memberAttendance = (memberAttendance != null) ? memberAttendance : List.of();
		this.report = report;
		this.createdBy = createdBy;
		this.createdAt = createdAt;
		this.updatedAt = updatedAt;
	}

	/**
	 * Plans a new activity.
	 * @param id the id
	 * @param details what, where, when and who is invited
	 * @param createdBy the planner's principal id
	 * @param now the time
	 * @return the planned activity
	 */
	public static Activity plan(String id, Details details, String createdBy, Instant now) {
		Details checked = checked(details);
		Activity activity = new Activity(id, checked, checked.type().category(), ActivityStatus.PLANNED, List.of(),
				null, null, null, 0, List.of(), null, createdBy, now, now);
		activity.record(new ActivityPlannedEvent(id, checked.kabupaten(), checked.type().name(),
				activity.category.name(), checked.title(), checked.organizer(), checked.place(), checked.startsAt(),
				checked.endsAt(), checked.invitedGroups(), checked.capacity(), now));
		return activity;
	}

	/**
	 * Changes the details of a planned activity; attendance of groups no longer invited
	 * is dropped. A new time or place reschedules it: a new revision, status RESCHEDULED
	 * and an {@link ActivityRescheduledEvent} after the update.
	 * @param details the new details
	 * @param now the time
	 */
	public void revise(Details details, Instant now) {
		require("change");
		Details previous = this.details;
		this.details = checked(details);
		this.category = this.details.type().category();
		this.attendance = this.attendance.stream()
			.filter((a) -> this.details.invitedGroups().contains(a.groupId()))
			.toList();
		this.updatedAt = now;
		record(new ActivityUpdatedEvent(getId(), this.details.kabupaten(), this.details.type().name(),
				this.category.name(), this.details.title(), this.details.organizer(), this.details.place(),
				this.details.startsAt(), this.details.endsAt(), this.details.invitedGroups(), this.details.capacity(),
				now));
		if (!previous.startsAt().equals(this.details.startsAt()) || !previous.endsAt().equals(this.details.endsAt())
				|| !previous.place().equals(this.details.place())) {
			this.revision++;
			this.status = ActivityStatus.RESCHEDULED;
			record(new ActivityRescheduledEvent(getId(), this.details.kabupaten(), this.details.type().name(),
					this.details.title(), this.details.place(), this.details.startsAt(), this.details.endsAt(),
					this.details.invitedGroups(), this.revision, previous.place(), previous.startsAt(), now));
		}
	}

	/**
	 * Calls the activity off.
	 * @param reason why
	 * @param now the time
	 */
	public void cancel(String reason, Instant now) {
		require("cancel");
		this.status = ActivityStatus.CANCELLED;
		this.cancellationReason = reason;
		this.updatedAt = now;
		record(new ActivityCancelledEvent(getId(), this.details.kabupaten(), reason, now));
	}

	/**
	 * Records how many people came from invited groups, replacing earlier counts of the
	 * same groups.
	 * @param counts per group
	 * @param now the time
	 */
	public void recordAttendance(List<GroupAttendance> counts, Instant now) {
		require("record attendance of");
		requireStarted(now, "attendance");
		List<FieldViolation> errors = new ArrayList<>();
		for (int i = 0; i < counts.size(); i++) {
			if (!this.details.invitedGroups().contains(counts.get(i).groupId())) {
				errors.add(new FieldViolation("[" + i + "].groupId", "is not invited to this activity",
						counts.get(i).groupId()));
			}
		}
		if (!errors.isEmpty()) {
			throw DomainException.invalid(errors);
		}
		Map<String, GroupAttendance> byGroup = new LinkedHashMap<>();
		this.attendance.forEach((a) -> byGroup.put(a.groupId(), a));
		counts.forEach((a) -> byGroup.put(a.groupId(), a));
		this.attendance = List.copyOf(byGroup.values());
		this.updatedAt = now;
	}

	/**
	 * Closes the activity with its outcome report.
	 * @param outcome the outcome report
	 * @param attendees everyone who attended, at least those counted per group
	 * @param now the time
	 */
	public void complete(String outcome, int attendees, Instant now) {
		complete(new Report(null, null, outcome, List.of()), attendees, now);
	}

	/**
	 * Closes the activity with its report; the event carries the attendance counts.
	 * @param report the report (its outcome is required)
	 * @param attendees everyone who attended, at least those counted per group and those
	 * recorded present
	 * @param now the time
	 */
	public void complete(Report report, int attendees, Instant now) {
		String outcome = report.outcome();
		require("complete");
		requireStarted(now, "completion");
		int counted = Math.max(groupAttendees(), present());
		if (attendees < counted) {
			throw DomainException.invalid(List.of(new FieldViolation("attendees",
					"must be at least the " + counted + " attendees recorded for the invited groups", attendees)));
		}
		this.status = ActivityStatus.COMPLETED;
		this.outcome = outcome;
		this.report = report;
		this.attendees = attendees;
		this.updatedAt = now;
		boolean listed = !this.memberAttendance.isEmpty();
		record(new ActivityCompletedEvent(getId(), this.details.kabupaten(), attendees, outcome,
				listed ? this.memberAttendance.size() : null, listed ? present() : null,
				listed ? this.memberAttendance.size() - present() : null,
				(report.followUps() != null) ? report.followUps().size() : 0, now));
	}

	/**
	 * Records members present or absent, replacing earlier entries of the same members.
	 * The caller has checked that each is a member of an invited group.
	 * @param entries per member
	 * @param now the time
	 */
	public void recordMemberAttendance(List<MemberAttendance> entries, Instant now) {
		require("record attendance of");
		requireStarted(now, "attendance");
		Map<String, MemberAttendance> byMember = new LinkedHashMap<>();
		this.memberAttendance.forEach((a) -> byMember.put(a.memberId(), a));
		entries.forEach((a) -> byMember.put(a.memberId(), a));
		this.memberAttendance = List.copyOf(byMember.values());
		this.updatedAt = now;
	}

	/**
	 * The members recorded present.
	 * @return how many
	 */
	public int present() {
		return (int) this.memberAttendance.stream().filter(MemberAttendance::present).count();
	}

	/**
	 * Whether members may still be told about it: not cancelled, not completed, not
	 * begun.
	 * @param now the time
	 * @return whether invitations, notices and reminders are still due
	 */
	public boolean isUpcoming(Instant now) {
		return (this.status == ActivityStatus.PLANNED || this.status == ActivityStatus.RESCHEDULED)
				&& now.isBefore(this.details.startsAt());
	}

	/**
	 * The people counted per invited group.
	 * @return the sum of the group attendance
	 */
	public int groupAttendees() {
		return this.attendance.stream().mapToInt(GroupAttendance::attendees).sum();
	}

	private void require(String action) {
		if (this.status != ActivityStatus.PLANNED && this.status != ActivityStatus.RESCHEDULED) {
			throw DomainException.ruleViolated("activity-state",
					"cannot " + action + " an activity that is " + this.status);
		}
	}

	private void requireStarted(Instant now, String what) {
		if (now.isBefore(this.details.startsAt())) {
			throw DomainException.ruleViolated("activity-not-started", what + " is recorded once the activity starts");
		}
	}

	private static Details checked(Details details) {
		List<FieldViolation> errors = new ArrayList<>();
		if (!details.endsAt().isAfter(details.startsAt())) {
			errors.add(new FieldViolation("endsAt", "must be after startsAt", details.endsAt()));
		}
		if (details.capacity() != null && details.capacity() < 1) {
			errors.add(new FieldViolation("capacity", "must be positive", details.capacity()));
		}
		if (!errors.isEmpty()) {
			throw DomainException.invalid(errors);
		}
		List<String> groups = (details.invitedGroups() != null)
				? details.invitedGroups().stream().filter(Objects::nonNull).distinct().toList() : List.of();
		return new Details(details.type(), details.title(), details.description(), details.organizer(),
				details.kabupaten(), details.place(), details.startsAt(), details.endsAt(), groups, details.capacity());
	}

	public Details getDetails() {
		return this.details;
	}

	public ActivityCategory getCategory() {
		return this.category;
	}

	public ActivityStatus getStatus() {
		return this.status;
	}

	public List<GroupAttendance> getAttendance() {
		return this.attendance;
	}

	public Integer getAttendees() {
		return this.attendees;
	}

	public String getOutcome() {
		return this.outcome;
	}

	public String getCancellationReason() {
		return this.cancellationReason;
	}

	public int getRevision() {
		return this.revision;
	}

	public List<MemberAttendance> getMemberAttendance() {
		return this.memberAttendance;
	}

	public Report getReport() {
		return this.report;
	}

	public String getCreatedBy() {
		return this.createdBy;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	/**
	 * What an activity is, where and when it happens and who is invited.
	 *
	 * @param type the activity type
	 * @param title the title
	 * @param description a longer description (optional)
	 * @param organizer the organising dinas or Forum KIM
	 * @param kabupaten the kabupaten code, or {@link #PROVINCE}
	 * @param place where it takes place
	 * @param startsAt when it starts
	 * @param endsAt when it ends (after it starts)
	 * @param invitedGroups ids of the invited groups
	 * @param capacity how many people may attend (optional, positive)
	 */
	public record Details(ActivityType type, String title, String description, String organizer, String kabupaten,
			String place, Instant startsAt, Instant endsAt, List<String> invitedGroups, Integer capacity) {

	}

	/**
	 * Whether one member of an invited group came.
	 *
	 * @param memberId the member
	 * @param groupId the member's group
	 * @param present whether the member attended
	 */
	public record MemberAttendance(String memberId, String groupId, boolean present) {

	}

	/**
	 * The report of a completed activity.
	 *
	 * @param summary what happened (optional)
	 * @param participants who took part beyond the members, e.g. speakers (optional)
	 * @param outcome the outcomes
	 * @param followUps what is to be done next, by whom, by when
	 */
	public record Report(String summary, String participants, String outcome, List<FollowUp> followUps) {

	}

	/**
	 * A follow-up of an activity.
	 *
	 * @param action what is to be done
	 * @param owner who does it
	 * @param dueDate by when (WIB date)
	 */
	public record FollowUp(String action, String owner, LocalDate dueDate) {

	}

}
