package id.go.kalteng.kim.activity.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.activity.ActivityCancelledEvent;
import id.go.kalteng.kim.contracts.activity.ActivityCompletedEvent;
import id.go.kalteng.kim.contracts.activity.ActivityPlannedEvent;
import id.go.kalteng.kim.contracts.activity.ActivityRescheduledEvent;
import id.go.kalteng.kim.contracts.activity.ActivityUpdatedEvent;
import id.go.kalteng.kim.support.domain.DomainException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActivityTest {

	static final Instant START = Instant.parse("2026-12-03T02:00:00Z");

	static final Instant DURING = START.plus(Duration.ofHours(1));

	static Activity.Details details(Instant startsAt, Instant endsAt, Integer capacity, List<String> groups) {
		return new Activity.Details(ActivityType.ANJANGSANA, "Anjangsana KIM", null, "Diskominfo Kota Palangka Raya",
				"62.71", "Balai Kelurahan Menteng", startsAt, endsAt, groups, capacity);
	}

	static Activity planned(String... groups) {
		return Activity.plan("a-1", details(START, START.plus(Duration.ofHours(3)), 40, List.of(groups)), "operator-1",
				START.minus(Duration.ofDays(7)));
	}

	@Test
	void planningRecordsAnActivityPlannedEventWithTheCategoryOfItsType() {
		Activity activity = planned("g-1", "g-1", "g-2");
		assertThat(activity.getStatus()).isEqualTo(ActivityStatus.PLANNED);
		assertThat(activity.getCategory()).isEqualTo(ActivityCategory.DISEMINASI_INFORMASI);
		assertThat(activity.getDetails().invitedGroups()).containsExactly("g-1", "g-2");
		assertThat(activity.recordedEvents()).singleElement()
			.isInstanceOfSatisfying(ActivityPlannedEvent.class, (e) -> {
				assertThat(e.aggregateId()).isEqualTo("a-1");
				assertThat(e.category()).isEqualTo("DISEMINASI_INFORMASI");
				assertThat(e.kabupaten()).isEqualTo("62.71");
			});
	}

	@Test
	void everyTypeBelongsToItsCategory() {
		assertThat(ActivityType.DIKLAT.category()).isEqualTo(ActivityCategory.PENDIDIKAN_LATIHAN);
		assertThat(ActivityType.PARALEGAL.category()).isEqualTo(ActivityCategory.ADVOKASI);
		assertThat(ActivityType.MEDIASI.category()).isEqualTo(ActivityCategory.MEDIASI);
		assertThat(ActivityType.KONSELING.category()).isEqualTo(ActivityCategory.KONSULTASI);
		assertThat(ActivityType.WIDYAWISATA.category()).isEqualTo(ActivityCategory.DISEMINASI_INFORMASI);
	}

	@Test
	void anActivityMustEndAfterItStarts() {
		assertThatThrownBy(() -> Activity.plan("a-1", details(START, START, null, List.of()), "o", START))
			.isInstanceOfSatisfying(DomainException.class, (ex) -> {
				assertThat(ex.kind()).isEqualTo(DomainException.Kind.INVALID);
				assertThat(ex.errors()).singleElement().satisfies((f) -> assertThat(f.field()).isEqualTo("endsAt"));
			});
	}

	@Test
	void capacityMustBePositive() {
		assertThatThrownBy(() -> Activity.plan("a-1", details(START, START.plusSeconds(60), 0, List.of()), "o", START))
			.isInstanceOfSatisfying(DomainException.class,
					(ex) -> assertThat(ex.errors()).extracting((f) -> f.field()).containsExactly("capacity"));
	}

	@Test
	void revisingRecordsTheWholeDescriptionAndDropsAttendanceOfGroupsNoLongerInvited() {
		Activity activity = planned("g-1", "g-2");
		activity.recordAttendance(List.of(new GroupAttendance("g-1", 5), new GroupAttendance("g-2", 7)), DURING);
		activity.revise(details(START, START.plus(Duration.ofHours(4)), null, List.of("g-2")), DURING);
		assertThat(activity.getAttendance()).containsExactly(new GroupAttendance("g-2", 7));
		assertThat(activity.recordedEvents()).filteredOn(ActivityUpdatedEvent.class::isInstance)
			.last()
			.isInstanceOfSatisfying(ActivityUpdatedEvent.class, (e) -> assertThat(e.capacity()).isNull());
		// the new end is a new schedule: a reschedule follows the update
		assertThat(activity.recordedEvents()).last().isInstanceOf(ActivityRescheduledEvent.class);
	}

	@Test
	void aCancelledActivityCannotBeCancelledChangedOrCompleted() {
		Activity activity = planned();
		activity.cancel("Banjir", DURING);
		assertThat(activity.recordedEvents()).last().isInstanceOf(ActivityCancelledEvent.class);
		assertThatThrownBy(() -> activity.cancel("lagi", DURING)).isInstanceOfSatisfying(DomainException.class,
				(ex) -> assertThat(ex.type()).isEqualTo("activity-state"));
		assertThatThrownBy(() -> activity.complete("hasil", 10, DURING)).isInstanceOf(DomainException.class);
		assertThatThrownBy(() -> activity.revise(details(START, DURING, null, List.of()), DURING))
			.isInstanceOf(DomainException.class);
	}

	@Test
	void anActivityCannotBeCompletedBeforeItStarts() {
		Activity activity = planned();
		assertThatThrownBy(() -> activity.complete("hasil", 10, START.minusSeconds(1))).isInstanceOfSatisfying(
				DomainException.class, (ex) -> assertThat(ex.type()).isEqualTo("activity-not-started"));
	}

	@Test
	void attendanceIsRecordedOnlyForInvitedGroupsAndReplacesEarlierCounts() {
		Activity activity = planned("g-1", "g-2");
		assertThatThrownBy(() -> activity.recordAttendance(List.of(new GroupAttendance("g-9", 3)), DURING))
			.isInstanceOfSatisfying(DomainException.class,
					(ex) -> assertThat(ex.errors()).extracting((f) -> f.field()).containsExactly("[0].groupId"));
		activity.recordAttendance(List.of(new GroupAttendance("g-1", 5), new GroupAttendance("g-2", 7)), DURING);
		activity.recordAttendance(List.of(new GroupAttendance("g-1", 6)), DURING);
		assertThat(activity.groupAttendees()).isEqualTo(13);
	}

	@Test
	void completionCountsAtLeastTheAttendanceRecordedForTheGroups() {
		Activity activity = planned("g-1");
		activity.recordAttendance(List.of(new GroupAttendance("g-1", 12)), DURING);
		assertThatThrownBy(() -> activity.complete("hasil", 11, DURING)).isInstanceOfSatisfying(DomainException.class,
				(ex) -> assertThat(ex.errors()).extracting((f) -> f.field()).containsExactly("attendees"));
		activity.complete("Warga memahami cara melapor titik api", 30, DURING);
		assertThat(activity.getStatus()).isEqualTo(ActivityStatus.COMPLETED);
		assertThat(activity.recordedEvents()).last()
			.isInstanceOfSatisfying(ActivityCompletedEvent.class, (e) -> assertThat(e.attendees()).isEqualTo(30));
	}

	@Test
	void aNewTimeOrPlaceReschedulesWithANewRevisionAndEvent() {
		Activity activity = planned("g-1");
		Instant before = START.minus(Duration.ofDays(1));
		Activity.Details current = activity.getDetails();
		activity
			.revise(new Activity.Details(current.type(), "Judul baru", null, current.organizer(), current.kabupaten(),
					current.place(), current.startsAt(), current.endsAt(), current.invitedGroups(), current.capacity()),
					before);
		assertThat(activity.getStatus()).isEqualTo(ActivityStatus.PLANNED);
		assertThat(activity.getRevision()).isZero();
		activity.revise(new Activity.Details(current.type(), "Judul baru", null, current.organizer(),
				current.kabupaten(), "Aula Kecamatan", current.startsAt(), current.endsAt(), current.invitedGroups(),
				current.capacity()), before);
		assertThat(activity.getStatus()).isEqualTo(ActivityStatus.RESCHEDULED);
		assertThat(activity.getRevision()).isEqualTo(1);
		assertThat(activity.recordedEvents()).filteredOn(ActivityRescheduledEvent.class::isInstance)
			.singleElement()
			.isInstanceOfSatisfying(ActivityRescheduledEvent.class, (e) -> {
				assertThat(e.revision()).isEqualTo(1);
				assertThat(e.previousPlace()).isEqualTo("Balai Kelurahan Menteng");
				assertThat(e.place()).isEqualTo("Aula Kecamatan");
			});
		// a rescheduled activity is still open: it can be cancelled or completed
		activity.cancel("Banjir", before);
		assertThat(activity.getStatus()).isEqualTo(ActivityStatus.CANCELLED);
		assertThat(activity.isUpcoming(before)).isFalse();
	}

	@Test
	void aBackFilledActivityIsNeverUpcomingAndCanBeCompletedAtOnce() {
		Instant lastYear = START.minus(Duration.ofDays(365));
		Activity activity = Activity.plan("a-2",
				details(lastYear, lastYear.plus(Duration.ofHours(3)), null, List.of("g-1")), "operator-1", START);
		assertThat(activity.isUpcoming(START)).isFalse();
		activity.recordMemberAttendance(List.of(new Activity.MemberAttendance("m-1", "g-1", true),
				new Activity.MemberAttendance("m-2", "g-1", false)), START);
		assertThatThrownBy(() -> activity.complete("hasil", 0, START)).isInstanceOf(DomainException.class);
		activity.complete(
				new Activity.Report("ringkasan", null, "hasil", List
					.of(new Activity.FollowUp("Kirim jadwal", "Ketua KIM", java.time.LocalDate.of(2026, 12, 20)))),
				1, START);
		assertThat(activity.recordedEvents()).filteredOn(ActivityCompletedEvent.class::isInstance)
			.singleElement()
			.isInstanceOfSatisfying(ActivityCompletedEvent.class, (e) -> {
				assertThat(e.invited()).isEqualTo(2);
				assertThat(e.present()).isEqualTo(1);
				assertThat(e.absent()).isEqualTo(1);
				assertThat(e.followUps()).isEqualTo(1);
			});
	}

	@Test
	void anUpcomingActivityIsOneNotBegunNorClosed() {
		Activity activity = planned("g-1");
		assertThat(activity.isUpcoming(START.minusSeconds(1))).isTrue();
		assertThat(activity.isUpcoming(START)).isFalse();
	}

}
