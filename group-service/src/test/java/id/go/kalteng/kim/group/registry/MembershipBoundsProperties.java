package id.go.kalteng.kim.group.registry;

import java.time.Instant;
import java.util.List;

import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.contracts.group.GroupActivatedEvent;
import id.go.kalteng.kim.contracts.group.GroupReturnedToFormingEvent;
import id.go.kalteng.kim.support.web.ApiException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever sequence of joins and leaves arrives, a group stays within its bounds, is
 * ACTIVE exactly when it has the minimum, and announces every crossing of the minimum.
 */
class MembershipBoundsProperties {

	static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");

	@Property(tries = 300)
	void sizeStatusAndEventsFollowTheBounds(@ForAll("operations") List<Integer> operations,
			@ForAll @IntRange(min = 1, max = 5) int min, @ForAll @IntRange(min = 0, max = 6) int extra) {
		GroupLimits limits = new GroupLimits(min, min + extra);
		Group group = GroupTest.newGroup();
		int next = 0;
		for (int op : operations) {
			boolean wasActive = group.getStatus() == GroupStatus.ACTIVE;
			int before = group.recordedEvents().size();
			if (op >= 0 || group.getMembers().isEmpty()) {
				next++;
				try {
					group.join("m-" + next, GroupTest.member(next, MemberRole.ANGGOTA), new ChannelConsent(true, true),
							limits, NOW);
				}
				catch (ApiException ex) {
					assertThat(ex.type()).isEqualTo("group-full");
					assertThat(group.getMemberCount()).isEqualTo(limits.max());
				}
			}
			else {
				List<Member> members = group.getMembers();
				group.removeMember(members.get(Math.floorMod(op, members.size())).getId(), limits, NOW);
			}
			assertThat(group.getMemberCount()).isBetween(0, limits.max());
			assertThat(group.getMemberCount()).isEqualTo(group.getMembers().size());
			boolean active = group.getStatus() == GroupStatus.ACTIVE;
			assertThat(active).isEqualTo(group.getMemberCount() >= limits.min());
			List<Object> newEvents = List.copyOf(group.recordedEvents().subList(before, group.recordedEvents().size()));
			assertThat(newEvents.stream().anyMatch(GroupActivatedEvent.class::isInstance))
				.isEqualTo(!wasActive && active);
			assertThat(newEvents.stream().anyMatch(GroupReturnedToFormingEvent.class::isInstance))
				.isEqualTo(wasActive && !active);
		}
	}

	@Provide
	Arbitrary<List<Integer>> operations() {
		return Arbitraries.integers().between(-40, 40).list().ofMaxSize(60);
	}

}
