package id.go.kalteng.kim.support.domain;

import java.util.List;

/**
 * An aggregate or an application service refusing a change for a reason the caller can
 * act on: a rule of the domain (named), invalid fields, something that does not exist or
 * that the caller may not do. It says what happened in the domain's words; the web side
 * decides how to answer (problem+json with a status per {@link Kind}). Nothing was
 * changed.
 */
public class DomainException extends RuntimeException {

	/** What kind of refusal it is; the web side maps each to one HTTP status. */
	public enum Kind {

		/** Fields are invalid (400). */
		INVALID,
		/** It does not exist, or the caller may not know that it does (404). */
		NOT_FOUND,
		/** The caller is known but may not do this (403). */
		FORBIDDEN,
		/** A rule of the domain forbids it in the current state (409). */
		RULE_VIOLATED,
		/** The version the caller read is not the current one (412). */
		STALE_VERSION

	}

	private final Kind kind;

	private final String rule;

	private final List<FieldViolation> errors;

	protected DomainException(Kind kind, String rule, String detail, List<FieldViolation> errors) {
		super(detail);
		this.kind = kind;
		this.rule = rule;
		this.errors = List.copyOf(errors);
	}

	/** It does not exist, or the caller may not know that it does. */
	public static DomainException notFound(String what, String id) {
		return new DomainException(Kind.NOT_FOUND, "not-found", what + " " + id + " does not exist", List.of());
	}

	/** The change breaks a rule of the domain; {@code rule} names it. */
	public static DomainException ruleViolated(String rule, String detail) {
		return new DomainException(Kind.RULE_VIOLATED, rule, detail, List.of());
	}

	/** Fields are invalid. */
	public static DomainException invalid(List<FieldViolation> errors) {
		return new DomainException(Kind.INVALID, "validation", "The request has invalid fields", errors);
	}

	/** One field is invalid. */
	public static DomainException invalid(String field, String message) {
		return invalid(List.of(FieldViolation.of(field, message)));
	}

	/** The caller may not do this. */
	public static DomainException forbidden(String detail) {
		return new DomainException(Kind.FORBIDDEN, "forbidden", detail, List.of());
	}

	/** The caller may not do this because of an access rule; {@code rule} names it. */
	public static DomainException forbidden(String rule, String detail) {
		return new DomainException(Kind.FORBIDDEN, rule, detail, List.of());
	}

	/** The version the caller read is not the current one. */
	public static DomainException staleVersion(String detail) {
		return new DomainException(Kind.STALE_VERSION, "stale-version", detail, List.of());
	}

	public Kind kind() {
		return this.kind;
	}

	/** The name of the rule (the problem's type), e.g. {@code four-eyes}. */
	public String type() {
		return this.rule;
	}

	public List<FieldViolation> errors() {
		return this.errors;
	}

}
