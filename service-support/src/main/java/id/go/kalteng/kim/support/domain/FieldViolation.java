package id.go.kalteng.kim.support.domain;

/** One bad field of a request, as listed in a validation problem's {@code errors}. */
public record FieldViolation(String field, String message, Object rejectedValue) {

	public static FieldViolation of(String field, String message) {
		return new FieldViolation(field, message, null);
	}

}
