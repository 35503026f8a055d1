package id.go.kalteng.kim.group.forum;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.contracts.forum.ForumCoordinator;
import id.go.kalteng.kim.contracts.forum.ForumEstablishedEvent;
import id.go.kalteng.kim.contracts.forum.ForumUpdatedEvent;
import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.group.registry.AgeGroup;
import id.go.kalteng.kim.group.registry.Gender;
import id.go.kalteng.kim.group.registry.Group;
import id.go.kalteng.kim.group.registry.GroupDetails;
import id.go.kalteng.kim.group.registry.GroupLimits;
import id.go.kalteng.kim.group.registry.MemberDetails;
import id.go.kalteng.kim.group.registry.MemberRole;
import id.go.kalteng.kim.group.registry.Occupation;
import id.go.kalteng.kim.group.registry.Setting;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.FieldViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ForumTest {

	private static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");

	private static final GroupLimits LIMITS = new GroupLimits(3, 30);

	private final Group kahayan = group("g-kahayan", "62.71", "m-1", "m-2");

	private final Group menteng = group("g-menteng", "62.71", "m-3");

	private final Group sampit = group("g-sampit", "62.02", "m-4");

	@Test
	void establishingRecordsTheWholeForum() {
		Forum forum = Forum.establish("62.71", "Forum KIM Kota Palangka Raya", List.of(this.kahayan),
				List.of(coordinator(this.kahayan, "m-1", "KETUA")), NOW);

		assertThat(forum.getId()).isEqualTo("forum-62.71");
		assertThat(forum.recordedEvents())
			.containsExactly(new ForumEstablishedEvent("forum-62.71", "62.71", "Forum KIM Kota Palangka Raya",
					List.of("g-kahayan"), List.of(coordinator(this.kahayan, "m-1", "KETUA")), NOW));
	}

	@Test
	void aKabupatenForumTakesOnlyGroupsOfItsKabupaten() {
		DomainException ex = catchThrowableOfType(DomainException.class,
				() -> Forum.establish("62.71", "Forum", List.of(this.sampit), List.of(), NOW));

		assertThat(ex.kind()).isEqualTo(DomainException.Kind.INVALID);
		assertThat(ex.errors()).extracting(FieldViolation::field).containsExactly("memberGroups");
		Forum forum = Forum.establish("62.71", "Forum", List.of(), List.of(), NOW);
		DomainException added = catchThrowableOfType(DomainException.class, () -> forum.addGroup(this.sampit, NOW));
		assertThat(added.errors()).extracting(FieldViolation::field).containsExactly("groupId");
	}

	@Test
	void theProvincialForumTakesGroupsOfEveryKabupaten() {
		Forum forum = Forum.establish(Kabupaten.PROVINCE, "Forum KIM Provinsi", List.of(this.kahayan, this.sampit),
				List.of(), NOW);

		assertThat(forum.getId()).isEqualTo("forum-62");
		assertThat(forum.isProvincial()).isTrue();
		assertThat(forum.getMemberGroups()).containsExactly("g-kahayan", "g-sampit");
	}

	@Test
	void aDissolvedGroupCannotJoin() {
		Forum forum = Forum.establish("62.71", "Forum", List.of(), List.of(), NOW);
		this.menteng.dissolve("bubar", NOW);

		DomainException ex = catchThrowableOfType(DomainException.class, () -> forum.addGroup(this.menteng, NOW));

		assertThat(ex.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
		assertThat(ex.type()).isEqualTo("group-dissolved");
		assertThat(forum.getMemberGroups()).isEmpty();
	}

	@Test
	void aCoordinatorMustBeACurrentMemberOfAMemberGroup() {
		Forum forum = Forum.establish("62.71", "Forum", List.of(this.kahayan), List.of(), NOW);

		DomainException ex = catchThrowableOfType(DomainException.class,
				() -> forum.update(null,
						List.of(coordinator(this.kahayan, "m-9", "KETUA"), coordinator(this.menteng, "m-3", "ANGGOTA")),
						Map.of("g-kahayan", this.kahayan, "g-menteng", this.menteng), NOW));

		assertThat(ex.kind()).isEqualTo(DomainException.Kind.INVALID);
		assertThat(ex.errors()).extracting(FieldViolation::field)
			.containsExactly("coordinators[0].memberId", "coordinators[1].groupId");
		assertThat(forum.getCoordinators()).isEmpty();
	}

	@Test
	void aForumHasOneKetua() {
		DomainException ex = catchThrowableOfType(DomainException.class,
				() -> Forum.establish("62.71", "Forum", List.of(this.kahayan, this.menteng),
						List.of(coordinator(this.kahayan, "m-1", "KETUA"), coordinator(this.menteng, "m-3", "KETUA")),
						NOW));

		assertThat(ex.errors()).extracting(FieldViolation::field).containsExactly("coordinators[1].position");
	}

	@Test
	void manyCoordinatorsMayBeAnggota() {
		Forum forum = Forum.establish("62.71", "Forum", List.of(this.kahayan, this.menteng),
				List.of(coordinator(this.kahayan, "m-1", "ANGGOTA"), coordinator(this.menteng, "m-3", "ANGGOTA")), NOW);

		assertThat(forum.getCoordinators()).hasSize(2);
	}

	@Test
	void removingAGroupDropsItsCoordinators() {
		Forum forum = Forum.establish("62.71", "Forum", List.of(this.kahayan, this.menteng),
				List.of(coordinator(this.kahayan, "m-1", "KETUA"), coordinator(this.menteng, "m-3", "SEKRETARIS")),
				NOW);

		assertThat(forum.removeGroup("g-kahayan", NOW)).isTrue();

		assertThat(forum.getMemberGroups()).containsExactly("g-menteng");
		assertThat(forum.getCoordinators()).containsExactly(coordinator(this.menteng, "m-3", "SEKRETARIS"));
		assertThat(forum.recordedEvents()).last()
			.isEqualTo(new ForumUpdatedEvent("forum-62.71", "62.71", "Forum", List.of("g-menteng"),
					List.of(coordinator(this.menteng, "m-3", "SEKRETARIS")), NOW));
		assertThat(forum.removeGroup("g-kahayan", NOW)).isFalse();
	}

	@Test
	void aMemberWhoLeftStopsCoordinating() {
		Forum forum = Forum.establish("62.71", "Forum", List.of(this.kahayan),
				List.of(coordinator(this.kahayan, "m-1", "KETUA"), coordinator(this.kahayan, "m-2", "BENDAHARA")), NOW);

		assertThat(forum.dropCoordinator("g-kahayan", "m-1", NOW)).isTrue();
		assertThat(forum.dropCoordinator("g-kahayan", "m-1", NOW)).isFalse();

		assertThat(forum.getCoordinators()).containsExactly(coordinator(this.kahayan, "m-2", "BENDAHARA"));
		assertThat(forum.recordedEvents()).hasSize(2).last().isInstanceOf(ForumUpdatedEvent.class);
	}

	@Test
	void aGroupJoiningTwiceChangesNothing() {
		Forum forum = Forum.establish("62.71", "Forum", List.of(this.kahayan), List.of(), NOW);

		assertThat(forum.addGroup(this.kahayan, NOW)).isFalse();
		assertThat(forum.addGroup(this.menteng, NOW)).isTrue();

		assertThat(forum.getMemberGroups()).containsExactly("g-kahayan", "g-menteng");
		assertThat(forum.recordedEvents()).hasSize(2);
	}

	@Test
	void renamingRecordsAnUpdateButARepeatDoesNot() {
		Forum forum = Forum.establish("62.71", "Forum", List.of(), List.of(), NOW);

		forum.update("Forum KIM Palangka Raya", null, Map.of(), NOW);
		forum.update("Forum KIM Palangka Raya", null, Map.of(), NOW);

		assertThat(forum.getName()).isEqualTo("Forum KIM Palangka Raya");
		assertThat(forum.recordedEvents()).hasSize(2)
			.last()
			.extracting((e) -> ((ForumUpdatedEvent) e).name())
			.isEqualTo("Forum KIM Palangka Raya");
	}

	private static ForumCoordinator coordinator(Group group, String memberId, String position) {
		return new ForumCoordinator(group.getId(), memberId, position);
	}

	private static Group group(String id, String kabupaten, String... memberIds) {
		Group group = Group.register(id,
				new GroupDetails("KIM " + id, kabupaten, "Jekan Raya", "Menteng", Setting.PERKOTAAN, null, null, null),
				NOW);
		for (int i = 0; i < memberIds.length; i++) {
			group.join(memberIds[i],
					new MemberDetails("Anggota " + i, "+62812000000" + i + id.length(), Gender.PRIA, AgeGroup.DEWASA,
							Occupation.PETANI, MemberRole.ANGGOTA, false, "id"),
					new ChannelConsent(true, true), LIMITS, NOW);
		}
		return group;
	}

}
