package id.go.kalteng.kim.group.forum;

import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.security.Role;

/**
 * Who may see and change which forum: OPERATOR everything; AGENCY sees its own
 * kabupaten's forum and the provincial one but manages only its own; COORDINATOR sees the
 * forums its group belongs to. A forum the caller may not see answers 404.
 */
final class ForumAccess {

	private ForumAccess() {
	}

	static boolean canSee(KimPrincipal principal, Forum forum) {
		if (principal.isOperator()) {
			return true;
		}
		if (principal.has(Role.AGENCY) && principal.kabupaten() != null
				&& (forum.isProvincial() || forum.kabupaten().equals(principal.kabupaten()))) {
			return true;
		}
		return principal.has(Role.COORDINATOR) && principal.group() != null && forum.hasGroup(principal.group());
	}

	static void requireVisible(KimPrincipal principal, Forum forum) {
		if (!canSee(principal, forum)) {
			throw DomainException.notFound("forum", forum.getId());
		}
	}

	/** Changing a forum: operators, and the agency of its own kabupaten. */
	static void requireManager(KimPrincipal principal, Forum forum) {
		requireVisible(principal, forum);
		if (!principal.canSeeKabupaten(forum.kabupaten())) {
			throw DomainException.forbidden("only operators and the forum's own agency change a forum");
		}
	}

	/** Establishing a forum: an operator anywhere, an agency for its own kabupaten. */
	static void requireMayEstablishIn(KimPrincipal principal, String kabupaten) {
		if (!principal.canSeeKabupaten(kabupaten)) {
			throw DomainException.forbidden("only operators, and agencies for their own kabupaten, establish forums");
		}
	}

}
