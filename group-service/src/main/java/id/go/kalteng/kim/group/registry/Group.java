package id.go.kalteng.kim.group.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import id.go.kalteng.kim.contracts.group.ChannelConsent;
import id.go.kalteng.kim.contracts.group.GroupActivatedEvent;
import id.go.kalteng.kim.contracts.group.GroupDissolvedEvent;
import id.go.kalteng.kim.contracts.group.GroupRegisteredEvent;
import id.go.kalteng.kim.contracts.group.GroupReinstatedEvent;
import id.go.kalteng.kim.contracts.group.GroupReturnedToFormingEvent;
import id.go.kalteng.kim.contracts.group.GroupSuspendedEvent;
import id.go.kalteng.kim.contracts.group.GroupUpdatedEvent;
import id.go.kalteng.kim.contracts.group.MemberConsentChangedEvent;
import id.go.kalteng.kim.contracts.group.MemberErasedEvent;
import id.go.kalteng.kim.contracts.group.MemberJoinedEvent;
import id.go.kalteng.kim.contracts.group.MemberLeftEvent;
import id.go.kalteng.kim.contracts.group.MemberUpdatedEvent;
import id.go.kalteng.kim.contracts.group.PartnershipEndedEvent;
import id.go.kalteng.kim.contracts.group.PartnershipFormedEvent;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.outbox.AggregateRoot;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A KIM group with its members and partnerships. It guards its own rules: the member
 * bounds and the lifecycle they drive (FORMING → ACTIVE → SUSPENDED ⇄ reinstated →
 * DISSOLVED), one KETUA/SEKRETARIS/BENDAHARA each, one membership per number, and records
 * an event for every change.
 */
@Document("groups")
public class Group extends AggregateRoot {

	private GroupDetails details;

	private GroupStatus status;

	private String statusReason;

	private final List<Member> members;

	private final List<Partnership> partnerships;

	private int memberCount;

	private final Instant registeredAt;

	private Instant updatedAt;

	@PersistenceCreator
	Group(String id, GroupDetails details, GroupStatus status, String statusReason, List<Member> members,
			List<Partnership> partnerships, Instant registeredAt, Instant updatedAt) {
		super(id);
		this.details = details;
		this.status = status;
		this.statusReason = statusReason;
		this.members = (members != null) ? new ArrayList<>(members) : new ArrayList<>();
		this.partnerships = (partnerships != null) ? new ArrayList<>(partnerships) : new ArrayList<>();
		this.memberCount = this.members.size();
		this.registeredAt = registeredAt;
		this.updatedAt = updatedAt;
	}

	/** Registers a new group; it is FORMING until it reaches its minimum size. */
	public static Group register(String id, GroupDetails details, Instant now) {
		Group group = new Group(id, details, GroupStatus.FORMING, null, List.of(), List.of(), now, now);
		group.record(new GroupRegisteredEvent(id, details.name(), details.kabupaten(), details.kecamatan(),
				details.desa(), details.setting().name(), GroupStatus.FORMING.name(), now));
		return group;
	}

	/** Changes the description; the kabupaten stays (a group does not move). */
	public void update(GroupDetails changed, Instant now) {
		requireNotDissolved("update");
		if (!Objects.equals(changed.kabupaten(), this.details.kabupaten())) {
			throw DomainException.ruleViolated("kabupaten-fixed",
					"a group stays in its kabupaten; dissolve it and register a new one to move");
		}
		this.details = changed;
		this.updatedAt = now;
		record(new GroupUpdatedEvent(getId(), kabupaten(), changed.name(), changed.kecamatan(), changed.desa(),
				changed.setting().name(), changed.skNumber(), Objects.toString(changed.skDate(), null), changed.focus(),
				now));
	}

	/**
	 * Adds a member; reaching the minimum activates a FORMING group.
	 * @return the new member, or the existing one when {@code memberId} already joined (a
	 * repeated request)
	 */
	public Member join(String memberId, MemberDetails joining, ChannelConsent consent, GroupLimits limits,
			Instant now) {
		Optional<Member> existing = member(memberId);
		if (existing.isPresent()) {
			return existing.get();
		}
		requireNotDissolved("add members to");
		if (this.members.size() >= limits.max()) {
			throw DomainException.ruleViolated("group-full",
					"the group already has the maximum of " + limits.max() + " members");
		}
		checkUnique(memberId, joining);
		Member member = Member.join(memberId, joining, consent, now);
		this.members.add(member);
		this.memberCount = this.members.size();
		this.updatedAt = now;
		boolean activates = this.status == GroupStatus.FORMING && this.memberCount >= limits.min();
		if (activates) {
			this.status = GroupStatus.ACTIVE;
		}
		record(new MemberJoinedEvent(getId(), memberId, kabupaten(), setting(), this.status.name(), member.getPhone(),
				name(member.getGender()), name(member.getAgeGroup()), name(member.getOccupation()),
				member.getRole().name(), member.isWhatsapp(), member.getConsent(), member.getLanguage(), now));
		if (activates) {
			record(new GroupActivatedEvent(getId(), kabupaten(), this.memberCount, now));
		}
		return member;
	}

	/** Changes a member's details. */
	public Member updateMember(String memberId, MemberDetails changed, Instant now) {
		Member member = requireMember(memberId);
		requireNotDissolved("change members of");
		checkUnique(memberId, changed);
		member.apply(changed, now);
		this.updatedAt = now;
		record(new MemberUpdatedEvent(getId(), memberId, kabupaten(), member.getPhone(), name(member.getGender()),
				name(member.getAgeGroup()), name(member.getOccupation()), member.getRole().name(), member.isWhatsapp(),
				member.getConsent(), member.getLanguage(), now));
		return member;
	}

	/**
	 * Removes a member; an ACTIVE group that falls below the minimum returns to FORMING.
	 */
	public void removeMember(String memberId, GroupLimits limits, Instant now) {
		requireNotDissolved("remove members from");
		drop(requireMember(memberId), now);
		record(new MemberLeftEvent(getId(), memberId, kabupaten(), this.status.name(), now));
		recordReturnToFormingIfShrunk(limits, now);
	}

	/**
	 * Erases a member's personal data (UU PDP): the member is dropped entirely, also from
	 * a dissolved group, and every projection is told to drop it.
	 */
	public void eraseMember(String memberId, GroupLimits limits, Instant now) {
		drop(requireMember(memberId), now);
		record(new MemberErasedEvent(getId(), memberId, kabupaten(), now));
		recordReturnToFormingIfShrunk(limits, now);
	}

	/**
	 * Records a channel opt-out or opt-in for every member with this number.
	 * @return whether any member's consent changed
	 */
	public boolean changeConsent(String phone, String channel, boolean allowed, String reason, Instant now) {
		boolean changed = false;
		for (Member member : this.members) {
			if (!member.getPhone().equals(phone)) {
				continue;
			}
			ChannelConsent current = member.getConsent();
			ChannelConsent next = "SMS".equals(channel) ? new ChannelConsent(allowed, current.whatsapp())
					: new ChannelConsent(current.sms(), allowed);
			if (next.equals(current)) {
				continue;
			}
			member.consent(next, now);
			record(new MemberConsentChangedEvent(getId(), member.getId(), kabupaten(), next, reason, now));
			changed = true;
		}
		if (changed) {
			this.updatedAt = now;
		}
		return changed;
	}

	/** Suspends the group: it takes no broadcasts until reinstated. */
	public void suspend(String reason, Instant now) {
		if (this.status != GroupStatus.FORMING && this.status != GroupStatus.ACTIVE) {
			throw DomainException.ruleViolated("group-state", "cannot suspend a group that is " + this.status);
		}
		this.status = GroupStatus.SUSPENDED;
		this.statusReason = reason;
		this.updatedAt = now;
		record(new GroupSuspendedEvent(getId(), kabupaten(), reason, now));
	}

	/** Lifts a suspension: ACTIVE again if the group is big enough, else FORMING. */
	public void reinstate(GroupLimits limits, Instant now) {
		if (this.status != GroupStatus.SUSPENDED) {
			throw DomainException.ruleViolated("group-state", "cannot reinstate a group that is " + this.status);
		}
		this.status = (this.memberCount >= limits.min()) ? GroupStatus.ACTIVE : GroupStatus.FORMING;
		this.statusReason = null;
		this.updatedAt = now;
		record(new GroupReinstatedEvent(getId(), kabupaten(), this.status.name(), this.memberCount, now));
	}

	/** Dissolves the group for good. */
	public void dissolve(String reason, Instant now) {
		requireNotDissolved("dissolve");
		this.status = GroupStatus.DISSOLVED;
		this.statusReason = reason;
		this.updatedAt = now;
		record(new GroupDissolvedEvent(getId(), kabupaten(), reason, now));
	}

	/** Records a partnership with a dinas. */
	public Partnership formPartnership(String partnershipId, String agency, String scope, LocalDate since,
			Instant now) {
		Optional<Partnership> existing = partnership(partnershipId);
		if (existing.isPresent()) {
			return existing.get();
		}
		requireNotDissolved("form partnerships for");
		boolean duplicate = this.partnerships.stream()
			.anyMatch((p) -> p.isActive() && p.agency().equalsIgnoreCase(agency) && p.scope().equalsIgnoreCase(scope));
		if (duplicate) {
			throw DomainException.ruleViolated("duplicate-partnership",
					"the group already has an active partnership with " + agency + " on this");
		}
		Partnership partnership = new Partnership(partnershipId, agency, scope, since, null, null, now);
		this.partnerships.add(partnership);
		this.updatedAt = now;
		record(new PartnershipFormedEvent(getId(), partnershipId, kabupaten(), agency, scope, since.toString(), now));
		return partnership;
	}

	/** Ends an active partnership. */
	public Partnership endPartnership(String partnershipId, LocalDate until, String reason, Instant now) {
		Partnership current = partnership(partnershipId)
			.orElseThrow(() -> DomainException.notFound("partnership", partnershipId));
		if (!current.isActive()) {
			throw DomainException.ruleViolated("partnership-ended",
					"the partnership already ended on " + current.until());
		}
		if (until.isBefore(current.since())) {
			throw DomainException.invalid("until",
					"must not be before the partnership began (" + current.since() + ")");
		}
		Partnership ended = new Partnership(current.id(), current.agency(), current.scope(), current.since(), until,
				reason, current.recordedAt());
		this.partnerships.set(this.partnerships.indexOf(current), ended);
		this.updatedAt = now;
		record(new PartnershipEndedEvent(getId(), partnershipId, kabupaten(), until.toString(), reason, now));
		return ended;
	}

	public Optional<Member> member(String memberId) {
		return this.members.stream().filter((m) -> m.getId().equals(memberId)).findFirst();
	}

	public Optional<Partnership> partnership(String partnershipId) {
		return this.partnerships.stream().filter((p) -> p.id().equals(partnershipId)).findFirst();
	}

	private Member requireMember(String memberId) {
		return member(memberId).orElseThrow(() -> DomainException.notFound("member", memberId));
	}

	private void drop(Member member, Instant now) {
		this.members.remove(member);
		this.memberCount = this.members.size();
		this.updatedAt = now;
	}

	private void recordReturnToFormingIfShrunk(GroupLimits limits, Instant now) {
		if (this.status == GroupStatus.ACTIVE && this.memberCount < limits.min()) {
			this.status = GroupStatus.FORMING;
			record(new GroupReturnedToFormingEvent(getId(), kabupaten(), this.memberCount, now));
		}
	}

	private void checkUnique(String memberId, MemberDetails candidate) {
		for (Member other : this.members) {
			if (other.getId().equals(memberId)) {
				continue;
			}
			if (other.getPhone().equals(candidate.phone())) {
				throw DomainException.ruleViolated("duplicate-phone", "another member of this group has that number");
			}
			if (candidate.role().isOfficer() && other.getRole() == candidate.role()) {
				throw DomainException.ruleViolated("officer-taken",
						"the group already has a " + candidate.role() + "; a group has one of each officer");
			}
		}
	}

	private void requireNotDissolved(String action) {
		if (this.status == GroupStatus.DISSOLVED) {
			throw DomainException.ruleViolated("group-dissolved", "cannot " + action + " a dissolved group");
		}
	}

	private String setting() {
		return this.details.setting().name();
	}

	private static String name(Enum<?> value) {
		return (value != null) ? value.name() : null;
	}

	public String kabupaten() {
		return this.details.kabupaten();
	}

	public GroupDetails getDetails() {
		return this.details;
	}

	public GroupStatus getStatus() {
		return this.status;
	}

	public String getStatusReason() {
		return this.statusReason;
	}

	public List<Member> getMembers() {
		return List.copyOf(this.members);
	}

	public List<Partnership> getPartnerships() {
		return List.copyOf(this.partnerships);
	}

	public int getMemberCount() {
		return this.memberCount;
	}

	public Instant getRegisteredAt() {
		return this.registeredAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
