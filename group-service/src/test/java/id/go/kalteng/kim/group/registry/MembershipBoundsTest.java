package id.go.kalteng.kim.group.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.contracts.group.GroupActivatedEvent;
import id.go.kalteng.kim.contracts.group.GroupReturnedToFormingEvent;
import id.go.kalteng.kim.support.domain.DomainException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever sequence of joins and leaves arrives, a group stays within its bounds, is
 * ACTIVE exactly when it has the minimum, and announces every crossing of the minimum.
 * The sequences are random but seeded, so a failing case names its seed and repeats.
 */
class MembershipBoundsTest {

	static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");

	static Stream<Arguments> sequences() {
		return LongStream.range(0, 300).mapToObj((seed) -> {
			Random random = new Random(seed);
			int min = 1 + random.nextInt(5);
			int extra = random.nextInt(7);
			List<Integer> operations = new ArrayList<>();
			int length = random.nextInt(61);
			for (int i = 0; i < length; i++) {
				operations.add(random.nextInt(81) - 40);
			}
			return Arguments.of(seed, operations, min, extra);
		});
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("sequences")
	void sizeStatusAndEventsFollowTheBounds(long seed, List<Integer> operations, int min, int extra) {
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
				catch (DomainException ex) {
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

}
