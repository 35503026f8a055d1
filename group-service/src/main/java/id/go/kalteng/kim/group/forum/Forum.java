package id.go.kalteng.kim.group.forum;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import id.go.kalteng.kim.contracts.Kabupaten;
import id.go.kalteng.kim.contracts.forum.ForumCoordinator;
import id.go.kalteng.kim.contracts.forum.ForumEstablishedEvent;
import id.go.kalteng.kim.contracts.forum.ForumUpdatedEvent;
import id.go.kalteng.kim.group.registry.Group;
import id.go.kalteng.kim.group.registry.GroupStatus;
import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.domain.FieldViolation;
import id.go.kalteng.kim.support.outbox.AggregateRoot;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The Forum KIM of a kabupaten/kota, or of the province: its member groups and the
 * coordinators drawn from their members. It guards who may join (a kabupaten forum takes
 * its own kabupaten's groups, nobody takes a dissolved group), that coordinators are
 * current members with one KETUA/SEKRETARIS/BENDAHARA each, and records every change.
 */
@Document("forums")
class Forum extends AggregateRoot {

	private String name;

	private final String kabupaten;

	private final List<String> memberGroups;

	private List<ForumCoordinator> coordinators;

	private final Instant establishedAt;

	private Instant updatedAt;

	@PersistenceCreator
	Forum(String id, String name, String kabupaten, List<String> memberGroups, List<ForumCoordinator> coordinators,
			Instant establishedAt, Instant updatedAt) {
		super(id);
		this.name = name;
		this.kabupaten = kabupaten;
		this.memberGroups = (memberGroups != null) ? new ArrayList<>(memberGroups) : new ArrayList<>();
		this.coordinators = (coordinators != null) ? new ArrayList<>(coordinators) : new ArrayList<>();
		this.establishedAt = establishedAt;
		this.updatedAt = updatedAt;
	}

	/** The id of the one forum of a kabupaten/kota (or of the province, {@code 62}). */
	public static String idFor(String kabupaten) {
		return "forum-" + kabupaten;
	}

	/**
	 * Establishes the forum of a kabupaten/kota or of the province.
	 * @param groups the groups joining from the start
	 * @param coordinators the first coordinators, members of those groups
	 */
	public static Forum establish(String kabupaten, String name, List<Group> groups,
			List<ForumCoordinator> coordinators, Instant now) {
		Forum forum = new Forum(idFor(kabupaten), name, kabupaten, List.of(), List.of(), now, now);
		Map<String, Group> byId = new HashMap<>();
		for (Group group : groups) {
			forum.admit(group, "memberGroups");
			byId.put(group.getId(), group);
		}
		forum.appoint(coordinators, byId);
		forum.record(new ForumEstablishedEvent(forum.getId(), kabupaten, name, forum.getMemberGroups(),
				forum.getCoordinators(), now));
		return forum;
	}

	/**
	 * Renames the forum and/or replaces its coordinators; null leaves either as it is.
	 * @param groups the member groups the new coordinators belong to, by id
	 */
	public void update(String newName, List<ForumCoordinator> newCoordinators, Map<String, Group> groups, Instant now) {
		List<ForumCoordinator> before = getCoordinators();
		String nameBefore = this.name;
		if (newCoordinators != null) {
			appoint(newCoordinators, groups);
		}
		if (newName != null) {
			this.name = newName;
		}
		if (!Objects.equals(nameBefore, this.name) || !before.equals(this.coordinators)) {
			changed(now);
		}
	}

	/**
	 * Lets a group join.
	 * @return whether it joined now (false when it already was a member)
	 */
	public boolean addGroup(Group group, Instant now) {
		if (hasGroup(group.getId())) {
			return false;
		}
		admit(group, "groupId");
		changed(now);
		return true;
	}

	/**
	 * Lets a group leave, and its members stop coordinating the forum.
	 * @return whether the group was a member
	 */
	public boolean removeGroup(String groupId, Instant now) {
		if (!this.memberGroups.remove(groupId)) {
			return false;
		}
		this.coordinators.removeIf((c) -> c.groupId().equals(groupId));
		changed(now);
		return true;
	}

	/**
	 * Drops a member who left its group (or was erased) from the coordinators.
	 * @return whether the member was a coordinator
	 */
	public boolean dropCoordinator(String groupId, String memberId, Instant now) {
		boolean removed = this.coordinators
			.removeIf((c) -> c.groupId().equals(groupId) && c.memberId().equals(memberId));
		if (removed) {
			changed(now);
		}
		return removed;
	}

	public boolean hasGroup(String groupId) {
		return this.memberGroups.contains(groupId);
	}

	/** Whether this is the province's forum, which takes groups of every kabupaten. */
	public boolean isProvincial() {
		return Kabupaten.PROVINCE.equals(this.kabupaten);
	}

	private void admit(Group group, String field) {
		if (hasGroup(group.getId())) {
			return;
		}
		if (!isProvincial() && !this.kabupaten.equals(group.kabupaten())) {
			throw DomainException.invalid(field, "group " + group.getId() + " belongs to kabupaten " + group.kabupaten()
					+ "; the forum of " + this.kabupaten + " takes groups of its own kabupaten only");
		}
		if (group.getStatus() == GroupStatus.DISSOLVED) {
			throw DomainException.ruleViolated("group-dissolved",
					"group " + group.getId() + " is dissolved and cannot join a forum");
		}
		this.memberGroups.add(group.getId());
	}

	private void appoint(List<ForumCoordinator> candidates, Map<String, Group> groups) {
		List<FieldViolation> violations = new ArrayList<>();
		Set<String> people = new HashSet<>();
		Set<String> officers = new LinkedHashSet<>();
		for (int i = 0; i < candidates.size(); i++) {
			ForumCoordinator c = candidates.get(i);
			String field = "coordinators[" + i + "]";
			Group group = groups.get(c.groupId());
			if (!hasGroup(c.groupId()) || group == null) {
				violations.add(FieldViolation.of(field + ".groupId", "must be a member group of the forum"));
			}
			else if (group.member(c.memberId()).isEmpty()) {
				violations
					.add(FieldViolation.of(field + ".memberId", "must be a current member of group " + c.groupId()));
			}
			else if (!people.add(c.groupId() + "/" + c.memberId())) {
				violations.add(FieldViolation.of(field + ".memberId", "is named more than once"));
			}
			if (ForumPosition.valueOf(c.position()).isOfficer() && !officers.add(c.position())) {
				violations.add(FieldViolation.of(field + ".position",
						"the forum has one " + c.position() + "; it is already given"));
			}
		}
		if (!violations.isEmpty()) {
			throw DomainException.invalid(violations);
		}
		this.coordinators = new ArrayList<>(candidates);
	}

	private void changed(Instant now) {
		this.updatedAt = now;
		record(new ForumUpdatedEvent(getId(), this.kabupaten, this.name, getMemberGroups(), getCoordinators(), now));
	}

	public String getName() {
		return this.name;
	}

	public String kabupaten() {
		return this.kabupaten;
	}

	public List<String> getMemberGroups() {
		return List.copyOf(this.memberGroups);
	}

	public List<ForumCoordinator> getCoordinators() {
		return List.copyOf(this.coordinators);
	}

	public Instant getEstablishedAt() {
		return this.establishedAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
