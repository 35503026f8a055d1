package id.go.kalteng.kim.notification.web;

import id.go.kalteng.kim.support.domain.DomainException;
import id.go.kalteng.kim.support.phone.PhoneNumbers;
import id.go.kalteng.kim.support.security.KimPrincipal;

/** Reads the query parameters the listings share, refusing bad ones with 400. */
public final class QueryParameters {

	private QueryParameters() {
	}

	/**
	 * The E.164 form of a {@code phone} parameter, {@code null} when absent.
	 * @throws DomainException 400 when it is not an Indonesian number
	 */
	public static String phone(String raw) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		return PhoneNumbers.normalise(raw)
			.orElseThrow(() -> DomainException.invalid("phone",
					"must be an Indonesian mobile number, e.g. +6281234567890 or 0812-3456-7890"));
	}

	/**
	 * The kabupaten a caller is limited to: {@code null} (all) for operators, its own for
	 * an agency.
	 * @throws DomainException 403 for an agency token without a kabupaten
	 */
	public static String kabupatenScope(KimPrincipal principal) {
		if (principal.isOperator()) {
			return null;
		}
		if (principal.kabupaten() == null || principal.kabupaten().isBlank()) {
			throw DomainException.forbidden("An agency token must name its kabupaten");
		}
		return principal.kabupaten();
	}

}
