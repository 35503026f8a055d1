package id.go.kalteng.kim.support.web;

import java.util.List;

import id.go.kalteng.kim.support.domain.FieldViolation;

import org.springframework.http.HttpStatus;

/**
 * A request the service refuses for a reason the caller can act on; rendered as
 * problem+json with its status, type and (for validation) the failing fields. Nothing was
 * changed.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String type;

	private final String title;

	private final List<FieldViolation> errors;

	protected ApiException(HttpStatus status, String type, String title, String detail, List<FieldViolation> errors) {
		super(detail);
		this.status = status;
		this.type = type;
		this.title = title;
		this.errors = List.copyOf(errors);
	}

	/** 404: the resource does not exist, or the caller may not know that it does. */
	public static ApiException notFound(String what, String id) {
		return new ApiException(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " " + id + " does not exist",
				List.of());
	}

	/** 409: the request breaks a rule of the domain; {@code rule} names it. */
	public static ApiException ruleViolated(String rule, String detail) {
		return new ApiException(HttpStatus.CONFLICT, rule, "Rule violated", detail, List.of());
	}

	/** 400: fields of the request are invalid. */
	public static ApiException invalid(List<FieldViolation> errors) {
		return new ApiException(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
				"The request has invalid fields", errors);
	}

	/** 400: one field of the request is invalid. */
	public static ApiException invalid(String field, String message) {
		return invalid(List.of(FieldViolation.of(field, message)));
	}

	/**
	 * 415: the body, or a part of it, is of a kind the endpoint does not read;
	 * {@code field} names the part ({@code file}) or {@code body}.
	 */
	public static ApiException unsupportedMediaType(String field, String message) {
		return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
				field + " " + message, List.of(FieldViolation.of(field, message)));
	}

	/** 403: the caller is known but may not do this. */
	public static ApiException forbidden(String detail) {
		return new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail, List.of());
	}

	/**
	 * 403: the caller may not do this because of an access rule; {@code rule} names it.
	 */
	public static ApiException forbidden(String rule, String detail) {
		return new ApiException(HttpStatus.FORBIDDEN, rule, "Forbidden", detail, List.of());
	}

	/** 412: the {@code If-Match} version is not the current one. */
	public static ApiException staleVersion(String detail) {
		return new ApiException(HttpStatus.PRECONDITION_FAILED, "stale-version", "Precondition failed", detail,
				List.of());
	}

	public HttpStatus status() {
		return this.status;
	}

	public String type() {
		return this.type;
	}

	public String title() {
		return this.title;
	}

	public List<FieldViolation> errors() {
		return this.errors;
	}

}
