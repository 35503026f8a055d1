package id.go.kalteng.kim.support.test;

import java.util.List;

import id.go.kalteng.kim.support.security.KimPrincipal;

import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;

/** Mock bearer tokens shaped like the ones the local issuer hands to the demo clients. */
public final class TestTokens {

	private TestTokens() {
	}

	public static JwtRequestPostProcessor operator(String id) {
		return token(id, "OPERATOR", null, null);
	}

	public static JwtRequestPostProcessor agency(String kabupaten) {
		return token("agency-" + kabupaten.replace(".", ""), "AGENCY", kabupaten, null);
	}

	public static JwtRequestPostProcessor coordinator(String groupId) {
		return token("coordinator-" + groupId, "COORDINATOR", null, groupId);
	}

	private static JwtRequestPostProcessor token(String subject, String role, String kabupaten, String group) {
		return SecurityMockMvcRequestPostProcessors.jwt().jwt((jwt) -> {
			jwt.subject(subject).claim(KimPrincipal.ROLES_CLAIM, List.of(role));
			if (kabupaten != null) {
				jwt.claim(KimPrincipal.KABUPATEN_CLAIM, kabupaten);
			}
			if (group != null) {
				jwt.claim(KimPrincipal.GROUP_CLAIM, group);
			}
		}).authorities(KimPrincipal::authorities);
	}

}
