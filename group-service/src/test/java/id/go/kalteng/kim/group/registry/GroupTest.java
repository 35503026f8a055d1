package id.go.kalteng.kim.group.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import id.go.kalteng.kim.contracts.KimEvent;
import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.contracts.group.GroupActivatedEvent;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.contracts.group.GroupReinstatedEvent;
import id.go.kalteng.kim.contracts.group.GroupReturnedToFormingEvent;
import id.go.kalteng.kim.contracts.group.MemberConsentChangedEvent;
import id.go.kalteng.kim.contracts.group.MemberErasedEvent;
import id.go.kalteng.kim.contracts.group.MemberJoinedEvent;
import id.go.kalteng.kim.contracts.group.MemberLeftEvent;
import id.go.kalteng.kim.contracts.group.PartnershipEndedEvent;
import id.go.kalteng.kim.support.domain.DomainException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupTest {

	static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");

	static final GroupLimits LIMITS = new GroupLimits(3, 5);

	static final ChannelConsent BOTH = new ChannelConsent(true, true);

	static Group newGroup() {
		return Group.register("g-1",
				new GroupDetails("KIM Kahayan", "62.71", "Jekan Raya", "Palangka", Setting.PERKOTAAN, null, null, null),
				NOW);
	}

	static MemberDetails member(int n, MemberRole role) {
		return new MemberDetails("Anggota " + n, "+6281234567" + String.format("%03d", n), Gender.WANITA,
				AgeGroup.DEWASA, Occupation.PETANI, role, true, "id");
	}

	static Group withMembers(int count) {
		Group group = newGroup();
		for (int i = 1; i <= count; i++) {
			group.join("m-" + i, member(i, MemberRole.ANGGOTA), BOTH, LIMITS, NOW);
		}
		return group;
	}

	static <T> List<T> events(Group group, Class<T> type) {
		return group.recordedEvents().stream().filter(type::isInstance).map(type::cast).toList();
	}

	@Test
	void aNewGroupIsFormingAndAnnounced() {
		Group group = newGroup();
		assertThat(group.getStatus()).isEqualTo(GroupStatus.FORMING);
		assertThat(events(group, GroupRegisteredEvent.class)).singleElement()
			.satisfies((e) -> assertThat(e.status()).isEqualTo("FORMING"));
	}

	@Test
	void reachingTheMinimumActivatesTheGroup() {
		Group group = withMembers(2);
		assertThat(group.getStatus()).isEqualTo(GroupStatus.FORMING);
		group.join("m-3", member(3, MemberRole.KETUA), BOTH, LIMITS, NOW);
		assertThat(group.getStatus()).isEqualTo(GroupStatus.ACTIVE);
		assertThat(events(group, GroupActivatedEvent.class)).singleElement()
			.satisfies((e) -> assertThat(e.memberCount()).isEqualTo(3));
		assertThat(events(group, MemberJoinedEvent.class)).last()
			.satisfies((e) -> assertThat(e.groupStatus()).isEqualTo("ACTIVE"));
	}

	@Test
	void anActiveGroupBelowTheMinimumReturnsToForming() {
		Group group = withMembers(3);
		group.removeMember("m-1", LIMITS, NOW);
		assertThat(group.getStatus()).isEqualTo(GroupStatus.FORMING);
		assertThat(events(group, MemberLeftEvent.class)).singleElement();
		assertThat(events(group, GroupReturnedToFormingEvent.class)).singleElement()
			.satisfies((e) -> assertThat(e.memberCount()).isEqualTo(2));
	}

	@Test
	void memberCannotJoinAFullGroup() {
		Group group = withMembers(5);
		assertThatThrownBy(() -> group.join("m-6", member(6, MemberRole.ANGGOTA), BOTH, LIMITS, NOW))
			.isInstanceOfSatisfying(DomainException.class, (ex) -> assertThat(ex.type()).isEqualTo("group-full"));
		assertThat(group.getMemberCount()).isEqualTo(5);
	}

	@Test
	void theSameNumberCannotJoinTwice() {
		Group group = withMembers(1);
		MemberDetails sameNumber = new MemberDetails("Lain", member(1, MemberRole.ANGGOTA).phone(), Gender.PRIA,
				AgeGroup.REMAJA, Occupation.PELAJAR, MemberRole.ANGGOTA, false, "id");
		assertThatThrownBy(() -> group.join("m-2", sameNumber, BOTH, LIMITS, NOW))
			.isInstanceOfSatisfying(DomainException.class, (ex) -> assertThat(ex.type()).isEqualTo("duplicate-phone"));
	}

	@Test
	void aGroupHasOneOfEachOfficer() {
		Group group = newGroup();
		group.join("m-1", member(1, MemberRole.KETUA), BOTH, LIMITS, NOW);
		group.join("m-2", member(2, MemberRole.SEKRETARIS), BOTH, LIMITS, NOW);
		assertThatThrownBy(() -> group.join("m-3", member(3, MemberRole.KETUA), BOTH, LIMITS, NOW))
			.isInstanceOfSatisfying(DomainException.class, (ex) -> assertThat(ex.type()).isEqualTo("officer-taken"));
		assertThatThrownBy(() -> group.updateMember("m-2", member(2, MemberRole.KETUA), NOW))
			.isInstanceOf(DomainException.class);
		group.updateMember("m-1", member(1, MemberRole.ANGGOTA), NOW);
		group.updateMember("m-2", member(2, MemberRole.KETUA), NOW);
		assertThat(group.member("m-2")).get().extracting(Member::getRole).isEqualTo(MemberRole.KETUA);
	}

	@Test
	void aRepeatedJoinReturnsTheFirstMemberAndRecordsNothing() {
		Group group = withMembers(1);
		int before = group.recordedEvents().size();
		Member again = group.join("m-1", member(9, MemberRole.ANGGOTA), BOTH, LIMITS, NOW);
		assertThat(again.getPhone()).isEqualTo(member(1, MemberRole.ANGGOTA).phone());
		assertThat(group.recordedEvents()).hasSize(before);
	}

	@Test
	void aDissolvedGroupTakesNoMembers() {
		Group group = withMembers(1);
		group.dissolve("tidak aktif", NOW);
		assertThatThrownBy(() -> group.join("m-2", member(2, MemberRole.ANGGOTA), BOTH, LIMITS, NOW))
			.isInstanceOfSatisfying(DomainException.class, (ex) -> assertThat(ex.type()).isEqualTo("group-dissolved"));
		assertThatThrownBy(() -> group.suspend("x", NOW)).isInstanceOf(DomainException.class);
	}

	@Test
	void reinstatingChoosesTheStatusBySize() {
		Group active = withMembers(3);
		active.suspend("audit", NOW);
		active.reinstate(LIMITS, NOW);
		assertThat(active.getStatus()).isEqualTo(GroupStatus.ACTIVE);
		Group small = withMembers(3);
		small.suspend("audit", NOW);
		small.removeMember("m-1", LIMITS, NOW);
		assertThat(small.getStatus()).isEqualTo(GroupStatus.SUSPENDED);
		small.reinstate(LIMITS, NOW);
		assertThat(small.getStatus()).isEqualTo(GroupStatus.FORMING);
		assertThat(events(small, GroupReinstatedEvent.class)).singleElement()
			.satisfies((e) -> assertThat(e.status()).isEqualTo("FORMING"));
		assertThatThrownBy(() -> small.reinstate(LIMITS, NOW)).isInstanceOf(DomainException.class);
	}

	@Test
	void erasureDropsTheMemberAndCarriesNoPersonalData() {
		Group group = withMembers(3);
		group.eraseMember("m-2", LIMITS, NOW);
		assertThat(group.member("m-2")).isEmpty();
		assertThat(events(group, MemberErasedEvent.class)).singleElement()
			.satisfies((e) -> assertThat(e.toString()).doesNotContain("Anggota 2").doesNotContain("+62"));
		assertThat(group.getStatus()).isEqualTo(GroupStatus.FORMING);
	}

	@Test
	void anOptOutChangesConsentOnceForThatNumberOnly() {
		Group group = withMembers(2);
		String phone = member(1, MemberRole.ANGGOTA).phone();
		assertThat(group.changeConsent(phone, "WHATSAPP", false, "STOP", NOW)).isTrue();
		assertThat(group.changeConsent(phone, "WHATSAPP", false, "STOP", NOW)).isFalse();
		assertThat(group.member("m-1")).get().extracting(Member::getConsent).isEqualTo(new ChannelConsent(true, false));
		assertThat(group.member("m-2")).get().extracting(Member::getConsent).isEqualTo(BOTH);
		assertThat(events(group, MemberConsentChangedEvent.class)).singleElement()
			.satisfies((e) -> assertThat(e.memberId()).isEqualTo("m-1"));
	}

	@Test
	void aPartnershipEndsOnceAndNotBeforeItBegan() {
		Group group = withMembers(1);
		group.formPartnership("p-1", "Dinas Pertanian", "Penyuluhan", LocalDate.of(2026, 1, 1), NOW);
		assertThatThrownBy(
				() -> group.formPartnership("p-2", "dinas pertanian", "penyuluhan", LocalDate.of(2026, 2, 1), NOW))
			.isInstanceOfSatisfying(DomainException.class,
					(ex) -> assertThat(ex.type()).isEqualTo("duplicate-partnership"));
		assertThatThrownBy(() -> group.endPartnership("p-1", LocalDate.of(2025, 1, 1), null, NOW))
			.isInstanceOf(DomainException.class);
		group.endPartnership("p-1", LocalDate.of(2026, 6, 30), "selesai", NOW);
		assertThat(events(group, PartnershipEndedEvent.class)).singleElement();
		assertThatThrownBy(() -> group.endPartnership("p-1", LocalDate.of(2026, 7, 1), null, NOW))
			.isInstanceOfSatisfying(DomainException.class,
					(ex) -> assertThat(ex.type()).isEqualTo("partnership-ended"));
	}

	@Test
	void aGroupDoesNotMoveToAnotherKabupaten() {
		Group group = newGroup();
		GroupDetails moved = new GroupDetails("KIM Kahayan", "62.03", "Kapuas Hilir", "Selat", Setting.PERDESAAN, null,
				null, null);
		assertThatThrownBy(() -> group.update(moved, NOW)).isInstanceOf(DomainException.class);
		List<KimEvent> recorded = group.recordedEvents();
		assertThat(recorded).hasSize(1);
	}

}
