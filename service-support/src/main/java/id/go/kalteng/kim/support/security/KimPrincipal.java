package id.go.kalteng.kim.support.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The caller as the services see it: its id (the token's subject), roles, and the
 * kabupaten or group its token is scoped to. Data-level scoping is decided with it in
 * each service.
 */
public record KimPrincipal(String id, Set<Role> roles, String kabupaten, String group) {

	/** The claim listing the caller's roles. */
	public static final String ROLES_CLAIM = "roles";

	/** The claim of an AGENCY token naming its kabupaten code. */
	public static final String KABUPATEN_CLAIM = "kabupaten";

	/** The claim of a COORDINATOR token naming its group id. */
	public static final String GROUP_CLAIM = "group";

	public static KimPrincipal of(Jwt jwt) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		List<String> claimed = jwt.getClaimAsStringList(ROLES_CLAIM);
		if (claimed != null) {
			for (String role : claimed) {
				try {
					roles.add(Role.valueOf(role));
				}
				catch (IllegalArgumentException ex) {
					// a role of another system: not ours to grant
				}
			}
		}
		return new KimPrincipal(jwt.getSubject(), Set.copyOf(roles), jwt.getClaimAsString(KABUPATEN_CLAIM),
				jwt.getClaimAsString(GROUP_CLAIM));
	}

	/** The caller of the current request. */
	public static KimPrincipal current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken token) {
			return of(token.getToken());
		}
		throw new IllegalStateException("no authenticated KIM caller");
	}

	public boolean has(Role role) {
		return this.roles.contains(role);
	}

	public boolean isOperator() {
		return has(Role.OPERATOR);
	}

	/**
	 * Whether the caller may see records of a kabupaten: operators all, agencies their
	 * own.
	 */
	public boolean canSeeKabupaten(String code) {
		return isOperator() || (has(Role.AGENCY) && code != null && code.equals(this.kabupaten));
	}

	/** The Spring Security authorities of a token: {@code ROLE_} plus each role. */
	public static Collection<GrantedAuthority> authorities(Jwt jwt) {
		return of(jwt).roles()
			.stream()
			.map((role) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role.name()))
			.toList();
	}

}
