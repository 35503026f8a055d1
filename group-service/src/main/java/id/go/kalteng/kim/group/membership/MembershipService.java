package id.go.kalteng.kim.group.membership;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.group.registry.Group;
import id.go.kalteng.kim.group.registry.GroupAccess;
import id.go.kalteng.kim.group.registry.GroupLimits;
import id.go.kalteng.kim.group.registry.Groups;
import id.go.kalteng.kim.group.registry.Member;
import id.go.kalteng.kim.group.registry.MemberDetails;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.IdempotencyKeys;
import id.go.kalteng.kim.support.domain.Versions;
import id.go.kalteng.kim.support.observability.Masking;
import id.go.kalteng.kim.support.security.KimPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import static id.go.kalteng.kim.group.registry.GroupAccess.requireOperator;

/**
 * Use cases on the members of a group: join, change, leave, erase. Operators and the
 * group's agency manage any member; a coordinator the members of its own group.
 */
@Service
class MembershipService {

	private static final Logger log = LoggerFactory.getLogger(MembershipService.class);

	private final Groups groups;

	private final GroupLimits limits;

	private final Clock clock;

	private final PersonErasures erasures;

	MembershipService(Groups groups, GroupLimits limits, Clock clock, PersonErasures erasures) {
		this.groups = groups;
		this.limits = limits;
		this.clock = clock;
		this.erasures = erasures;
	}

	Member join(KimPrincipal principal, String groupId, String idempotencyKey, MemberDetails details,
			ChannelConsent consent) {
		String memberId = IdempotencyKeys.idFor("member", principal.id() + "/" + groupId, idempotencyKey);
		Member member = this.groups.change(principal, groupId, null,
				(group) -> group.join(memberId, details, consent, this.limits, this.clock.instant()));
		log.info("member {} ({}) joined group {}", member.getId(), Masking.phone(member.getPhone()), groupId);
		return member;
	}

	List<Member> members(KimPrincipal principal, String groupId) {
		return this.groups.visible(principal, groupId)
			.getMembers()
			.stream()
			.sorted(Comparator.comparing(Member::getRole).thenComparing(Member::getJoinedAt))
			.toList();
	}

	Member member(KimPrincipal principal, String groupId, String memberId) {
		return this.groups.visible(principal, groupId)
			.member(memberId)
			.orElseThrow(() -> DomainException.notFound("member", memberId));
	}

	Member update(KimPrincipal principal, String groupId, String memberId, String ifMatch, MemberPatch patch) {
		return this.groups.change(principal, groupId, null, (group) -> {
			Member current = group.member(memberId).orElseThrow(() -> DomainException.notFound("member", memberId));
			Versions.requireMatch(ifMatch, current.getVersion());
			return group.updateMember(memberId, patch.applyTo(current), this.clock.instant());
		});
	}

	void remove(KimPrincipal principal, String groupId, String memberId) {
		this.groups.change(principal, groupId, null, (group) -> {
			group.removeMember(memberId, this.limits, this.clock.instant());
			return group;
		});
		log.info("member {} left group {}", memberId, groupId);
	}

	/**
	 * Erasure (UU PDP): operators only; the member's personal data leaves the register.
	 */
	void erase(KimPrincipal principal, String groupId, String memberId) {
		requireOperator(principal, "erase a member's personal data");
		this.groups.change(principal, groupId, null, (Group group) -> {
			group.eraseMember(memberId, this.limits, this.clock.instant());
			return group;
		});
		log.info("member {} of group {} erased by {}", memberId, groupId, principal.id());
	}

	/**
	 * The memberships of a number in the groups the caller may see (who is this number,
	 * before an opt-out, a complaint or an erasure).
	 */
	List<Membership> membershipsOf(KimPrincipal principal, String phone) {
		return this.groups.withMember(phone)
			.stream()
			.filter((group) -> GroupAccess.canSee(principal, group))
			.flatMap((group) -> group.getMembers()
				.stream()
				.filter((m) -> m.getPhone().equals(phone))
				.map((m) -> new Membership(group, m)))
			.toList();
	}

	/**
	 * A member with its group.
	 *
	 * @param group the group
	 * @param member the member
	 */
	record Membership(Group group, Member member) {

	}

	/**
	 * Erasure of a person (UU PDP) by number: the request is recorded and announced to
	 * every service (which forget their copies of the number, whether the person is a
	 * member now, left long ago or never was one), and every membership of that number is
	 * erased, in every group, whatever the caller could otherwise see. Operators only.
	 * @return the memberships erased
	 */
	List<Erased> eraseEverywhere(KimPrincipal principal, String phone) {
		requireOperator(principal, "erase a person's personal data");
		this.erasures.request(phone);
		// a concurrent write makes a group's change run again: its entry is replaced
		Map<String, List<Erased>> erasedByGroup = new LinkedHashMap<>();
		this.groups.changeEachWithMember(phone, (group) -> {
			List<Erased> inGroup = group.getMembers()
				.stream()
				.filter((m) -> m.getPhone().equals(phone))
				.map((m) -> new Erased(group.getId(), m.getId()))
				.toList();
			inGroup.forEach((m) -> group.eraseMember(m.memberId(), this.limits, this.clock.instant()));
			erasedByGroup.put(group.getId(), inGroup);
			return !inGroup.isEmpty();
		});
		List<Erased> erased = erasedByGroup.values().stream().flatMap(List::stream).toList();
		log.info("{} erased {} memberships of {}", principal.id(), erased.size(), Masking.phone(phone));
		return erased;
	}

	/**
	 * One erased membership.
	 *
	 * @param groupId the group
	 * @param memberId the member that was erased
	 */
	record Erased(String groupId, String memberId) {

	}

}
