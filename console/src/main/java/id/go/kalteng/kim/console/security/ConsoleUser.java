package id.go.kalteng.kim.console.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who is signed in, as the pages need it: the id the API knows the user by (the token's
 * subject, e.g. {@code operator-1}), the roles and the kabupaten or group of the issuer's
 * claims. The API scopes every answer by the same claims; the console only uses them to
 * leave out what the user cannot do.
 *
 * @param id the subject
 * @param roles the KIM roles
 * @param kabupaten an agency's kabupaten code, otherwise {@code null}
 * @param group a coordinator's group id, otherwise {@code null}
 */
public record ConsoleUser(String id, List<String> roles, String kabupaten, String group) {

	static final String ROLES_CLAIM = "roles";

	public static ConsoleUser of(Authentication authentication) {
		if (authentication != null && authentication.getPrincipal() instanceof OidcUser user) {
			Object claimed = user.getClaims().get(ROLES_CLAIM);
			List<String> roles = (claimed instanceof Collection<?> list) ? list.stream().map(String::valueOf).toList()
					: List.of();
			return new ConsoleUser(user.getSubject(), roles, user.getClaimAsString("kabupaten"),
					user.getClaimAsString("group"));
		}
		return new ConsoleUser("anonim", List.of(), null, null);
	}

	public boolean isOperator() {
		return this.roles.contains("OPERATOR");
	}

	public boolean isAgency() {
		return this.roles.contains("AGENCY");
	}

	public boolean isCoordinator() {
		return this.roles.contains("COORDINATOR");
	}

	/** Operators and agencies write broadcasts (the API says so too). */
	public boolean canBroadcast() {
		return isOperator() || (isAgency() && this.kabupaten != null);
	}

	/** The role as the header shows it. */
	public String roleLabel() {
		if (isOperator()) {
			return "Operator provinsi";
		}
		if (isAgency()) {
			return "Dinas kabupaten/kota " + this.kabupaten;
		}
		if (isCoordinator()) {
			return "Koordinator KIM";
		}
		return "Tanpa peran";
	}

}
