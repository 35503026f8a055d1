package id.go.kalteng.kim.group.registry;

import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.security.Role;

/**
 * Who may see and change which group: OPERATOR everything, AGENCY the groups of its own
 * kabupaten, COORDINATOR the members of its own group. A group the caller may not see
 * answers 404, never its data.
 */
public final class GroupAccess {

	private GroupAccess() {
	}

	/** Whether the caller may know the group exists. */
	public static boolean canSee(KimPrincipal principal, Group group) {
		return principal.canSeeKabupaten(group.kabupaten())
				|| (principal.has(Role.COORDINATOR) && group.getId().equals(principal.group()));
	}

	/**
	 * @throws DomainException 404 when the caller may not see the group
	 */
	public static void requireVisible(KimPrincipal principal, Group group) {
		if (!canSee(principal, group)) {
			throw DomainException.notFound("group", group.getId());
		}
	}

	/** Group-level changes (details, lifecycle, partnerships): operators and agencies. */
	public static void requireManager(KimPrincipal principal, Group group) {
		requireVisible(principal, group);
		if (!principal.canSeeKabupaten(group.kabupaten())) {
			throw DomainException.forbidden("a coordinator manages the members of the group, not the group itself");
		}
	}

	/** Registering a group: an operator anywhere, an agency in its own kabupaten. */
	public static void requireMayRegisterIn(KimPrincipal principal, String kabupaten) {
		if (principal.isOperator()) {
			return;
		}
		if (!principal.has(Role.AGENCY)) {
			throw DomainException.forbidden("only operators and agencies register groups");
		}
		if (!kabupaten.equals(principal.kabupaten())) {
			throw DomainException.forbidden("an agency registers groups in its own kabupaten only");
		}
	}

	/** Operator-only actions such as erasure. */
	public static void requireOperator(KimPrincipal principal, String action) {
		if (!principal.isOperator()) {
			throw DomainException.forbidden("only an operator may " + action);
		}
	}

}
