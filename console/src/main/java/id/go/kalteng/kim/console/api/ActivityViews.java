package id.go.kalteng.kim.console.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * activity-service's and stream-service's answers as the activity and subscription pages
 * read them (unknown fields are ignored).
 */
public final class ActivityViews {

	private ActivityViews() {
	}

	/** An activity as {@code GET /api/activities/{id}} answers it. */
	public record Activity(String id, String type, String category, String title, String description, String organizer,
			String kabupaten, String place, OffsetDateTime startsAt, OffsetDateTime endsAt, List<String> invitedGroups,
			Integer capacity, String status, int revision, List<GroupAttendance> attendance,
			List<MemberAttendance> memberAttendance, Integer attendees, String outcome, Report report,
			String cancellationReason, String createdBy) {

		public Activity {
			invitedGroups = (invitedGroups != null) ? invitedGroups : List.of();
			attendance = (attendance != null) ? attendance : List.of();
			memberAttendance = (memberAttendance != null) ? memberAttendance : List.of();
		}

		/**
		 * Planned or rescheduled: may still be changed, attended, reported or cancelled.
		 */
		public boolean isOpen() {
			return "PLANNED".equals(this.status) || "RESCHEDULED".equals(this.status);
		}

		/** Attendance and the report are recorded once the activity has started. */
		public boolean hasStarted(Instant now) {
			return this.startsAt != null && !now.isBefore(this.startsAt.toInstant());
		}

		/** The people counted for a group, or {@code null}. */
		public Integer attendeesOf(String groupId) {
			return this.attendance.stream()
				.filter((a) -> groupId.equals(a.groupId()))
				.map(GroupAttendance::attendees)
				.findFirst()
				.orElse(null);
		}

		/** Whether a member was recorded present. */
		public boolean isPresent(String memberId) {
			return this.memberAttendance.stream().anyMatch((m) -> memberId.equals(m.memberId()) && m.present());
		}

		public long present() {
			return this.memberAttendance.stream().filter(MemberAttendance::present).count();
		}

	}

	public record GroupAttendance(String groupId, int attendees) {

	}

	public record MemberAttendance(String memberId, String groupId, boolean present) {

	}

	public record Report(String summary, String participants, String outcome, List<FollowUp> followUps) {

		public Report {
			followUps = (followUps != null) ? followUps : List.of();
		}

	}

	public record FollowUp(String action, String owner, LocalDate dueDate) {

	}

	/** {@code GET /api/activities/coverage}: the groups of a kabupaten reached or not. */
	public record Coverage(String kabupaten, LocalDate from, LocalDate to, String type, List<Reached> reached,
			List<NotReached> notReached) {

		public Coverage {
			reached = (reached != null) ? reached : List.of();
			notReached = (notReached != null) ? notReached : List.of();
		}

		/** Reached groups as a share of all, in whole percent. */
		public int percent() {
			int all = this.reached.size() + this.notReached.size();
			return (all == 0) ? 0 : (int) Math.round(100.0 * this.reached.size() / all);
		}

	}

	public record Reached(String groupId, String status, int activities, List<String> types) {

		public Reached {
			types = (types != null) ? types : List.of();
		}

	}

	public record NotReached(String groupId, String status) {

	}

	/**
	 * A webhook subscription; {@code secret} only in the answer to its creation.
	 */
	public record Subscription(String id, String kabupaten, String url, List<String> types, String status,
			Instant createdAt, String disabledReason, String secret) {

		public Subscription {
			types = (types != null) ? types : List.of();
		}

	}

}
